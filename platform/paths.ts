import fs from 'node:fs';
import path from 'node:path';

/** The checkout's root, whether code runs from source (jest) or from dist/ (npm start). */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate) && fs.existsSync(path.join(dir, 'biome.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Projectmap niet gevonden (package.json ontbreekt)');
    dir = parent;
  }
}

/** Git-ignored folder for everything installed or stored locally (binaries, embedded data). */
export function localDir(...parts: string[]): string {
  return path.join(projectRoot(), '.local', ...parts);
}
