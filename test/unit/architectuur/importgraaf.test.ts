import fs from 'node:fs';
import path from 'node:path';

/**
 * The house rules of architecture.md as a test over the import graph: which top-level folder may
 * import which, which packages the pure layers may use, and that SQL lives only in repositories.
 * A wrong arrow fails the build here, with the file and the import named.
 */
const ROOT = path.resolve(__dirname, '../../..');

const MAPPEN = ['domain', 'contract', 'workflows', 'activities', 'platform', 'api', 'worker'] as const;
type Map = (typeof MAPPEN)[number];

/** Project folders each folder may import (itself always). */
const MAG_IMPORTEREN: Record<Map, readonly Map[]> = {
  domain: [],
  contract: ['domain'],
  workflows: ['domain', 'contract'],
  activities: ['domain', 'contract', 'platform'],
  platform: ['domain', 'contract'],
  api: ['domain', 'contract', 'platform'],
  worker: ['domain', 'contract', 'workflows', 'activities', 'platform'],
};

/** Packages each pure layer may use (the outer layers may use any dependency). */
const PAKKETTEN: Partial<Record<Map, RegExp>> = {
  domain: /^(date-fns|@date-fns\/tz|zod)(\/|$)/,
  contract: /^(@temporalio\/common|@temporalio\/workflow)(\/|$)/,
  workflows: /^(@temporalio\/workflow|@temporalio\/common)(\/|$)/,
};

function bestanden(map: string): string[] {
  const uit: string[] = [];
  const loop = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) loop(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.test.ts'))
        uit.push(p);
    }
  };
  loop(path.join(ROOT, map));
  return uit;
}

function imports(bestand: string): string[] {
  const tekst = fs.readFileSync(bestand, 'utf8');
  const uit: string[] = [];
  for (const m of tekst.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s+['"]([^'"]+)['"]/g))
    uit.push(m[1]);
  for (const m of tekst.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) uit.push(m[1]);
  return uit;
}

function mapVan(bestand: string): string {
  return path.relative(ROOT, bestand).split(path.sep)[0];
}

describe('de importgraaf volgt architecture.md', () => {
  const overtredingen: string[] = [];
  for (const map of MAPPEN) {
    for (const bestand of bestanden(map)) {
      for (const spec of imports(bestand)) {
        const rel = path.relative(ROOT, bestand);
        if (spec.startsWith('.')) {
          const doel = mapVan(path.resolve(path.dirname(bestand), spec));
          if (doel !== map && !(MAG_IMPORTEREN[map] as readonly string[]).includes(doel)) {
            overtredingen.push(`${rel} importeert ${spec} (${map} → ${doel})`);
          }
        } else if (
          !spec.startsWith('node:') ||
          map === 'domain' ||
          map === 'contract' ||
          map === 'workflows'
        ) {
          const toegestaan = PAKKETTEN[map];
          if (toegestaan && !toegestaan.test(spec)) overtredingen.push(`${rel} gebruikt pakket ${spec}`);
        }
      }
    }
  }

  it('geen pijl de verkeerde kant op, geen verboden pakket in domain/, contract/ en workflows/', () => {
    expect(overtredingen).toEqual([]);
  });

  it('controleert echt: een pijl van domain/ naar api/ zou worden gevonden', () => {
    const nep = path.join(ROOT, 'domain', 'x.ts');
    expect(mapVan(path.resolve(path.dirname(nep), '../api/app'))).toBe('api');
    expect(MAG_IMPORTEREN.domain).not.toContain('api');
    expect(imports(path.join(ROOT, 'workflows', 'traject.workflow.ts')).length).toBeGreaterThan(3);
  });
});

describe('SQL staat alleen in repositories', () => {
  const SQL =
    /\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b|\b(dataSource|manager)\.query\(/;
  const buiten = ['api', 'activities', 'workflows', 'worker', 'contract', 'domain']
    .flatMap(bestanden)
    .concat(
      bestanden('platform').filter(
        (b) =>
          !b.includes(`${path.sep}repositories${path.sep}`) &&
          !b.includes(`${path.sep}migrations${path.sep}`),
      ),
    )
    .filter((b) => SQL.test(fs.readFileSync(b, 'utf8')))
    .map((b) => path.relative(ROOT, b));

  it('geen SQL-tekst in services, controllers, activities, workflows of het domein', () => {
    expect(buiten).toEqual([]);
  });
});
