// Transpiles the TypeScript sources to dist/ with swc (no type check: `npm run lint` runs tsc).
// Plain JS so that it runs before anything is compiled.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['domain', 'contract', 'workflows', 'activities', 'api', 'worker', 'platform', 'scripts'];
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

function* tsFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.spec.ts'))
      yield full;
  }
}

function build() {
  const started = Date.now();
  let count = 0;
  for (const dir of SOURCE_DIRS) {
    for (const file of tsFiles(path.join(root, dir))) {
      const rel = path.relative(root, file);
      const out = path.join(root, 'dist', rel.replace(/\.ts$/, '.js'));
      const { code, map } = swc.transformFileSync(file, {
        ...swcrc,
        swcrc: false,
        filename: file,
        sourceFileName: path.relative(path.dirname(out), file),
        sourceMaps: true,
      });
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
      if (map) fs.writeFileSync(`${out}.map`, map);
      count += 1;
    }
  }
  return { count, ms: Date.now() - started };
}

module.exports = { build };

if (require.main === module) {
  const { count, ms } = build();
  console.log(`build: ${count} bestanden naar dist/ in ${ms} ms`);
}
