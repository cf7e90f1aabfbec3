import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webMap = path.dirname(fileURLToPath(import.meta.url));
const projectMap = path.resolve(webMap, '..');

/**
 * The design tokens: the NL Design System example theme by default; a gemeente sets its own token
 * package (its theme CSS and the class that scopes it) at build time, e.g.
 * `UI_THEMA_CSS=@gemeente-x/design-tokens/dist/theme.css UI_THEMA_KLASSE=gemeente-x-theme npm run build:web`.
 */
const thema = {
  css: process.env.UI_THEMA_CSS || '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css',
  klasse: process.env.UI_THEMA_KLASSE || 'voorbeeld-theme',
};

function themaKlasse(): Plugin {
  return {
    name: 'inburgering-thema-klasse',
    transformIndexHtml: (html) => html.replaceAll('%THEMA_KLASSE%', thema.klasse),
  };
}

/**
 * The Utrecht component library is one ES module that sets `X.displayName = 'X'` after each component: a
 * property write, so the bundler keeps every component. The names only serve React's devtools; without
 * them the unused components drop out of the first load.
 */
function utrechtZonderDisplayNames(): Plugin {
  return {
    name: 'inburgering-utrecht-tree-shaking',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('@utrecht/component-library-react/dist/index.mjs')) return null;
      return { code: code.replace(/^\w+\.displayName = '\w+';$/gm, ''), map: null };
    },
  };
}

/** Where the API runs for `npm run dev:web` (the Vite dev server proxies /api to it). */
const apiUrl = process.env.API_URL || `http://127.0.0.1:${process.env.API_PORT || 3000}`;

export default defineConfig({
  root: webMap,
  base: '/',
  plugins: [react(), themaKlasse(), utrechtZonderDisplayNames()],
  resolve: { alias: { 'inburgering-thema.css': thema.css } },
  build: {
    outDir: path.join(projectMap, 'dist', 'web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEB_PORT || 5173),
    strictPort: true,
    // The web imports the API's command schemas (api/trajecten/*.dto.ts) and the rulebook (domain/).
    fs: { allow: [projectMap] },
    proxy: { '/api': apiUrl, '/health': apiUrl },
  },
});
