import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ENV, PROCESS_ENV } from '../../platform/config';
import { WORKER_NODE_ARGS } from '../../scripts/onderdelen';

// No Docker engine runs here: this keeps the compose file honest against what the code reads.
const root = path.resolve(__dirname, '..', '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      environment?: Record<string, string>;
      command?: string[];
      build?: string;
      ports?: string[];
      networks?: string[];
      volumes?: string[];
    }
  >;
  networks: Record<string, { internal?: boolean } | null>;
  volumes: Record<string, unknown>;
};
const known = new Set<string>(Object.values(ENV));

describe('docker-compose.yml', () => {
  it('heeft Postgres, Temporal op Postgres, Temporal UI, API en worker', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'api', 'worker', 'migrate']),
    );
    expect(compose.services.temporal.environment?.DB).toMatch(/^postgres/);
    expect(compose.services.temporal.environment?.POSTGRES_SEEDS).toBe('postgres');
  });

  it('de worker start met dezelfde Node-vlaggen als overal (WORKER_NODE_ARGS)', () => {
    expect(compose.services.worker.command).toEqual(['node', ...WORKER_NODE_ARGS, 'dist/worker/main.js']);
    expect(compose.services.api.command).toEqual(['node', 'dist/api/main.js']);
    // bench:sweep runs the nightly run's worker in its own process: measured with the same flags.
    const pakket = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pakket.scripts['bench:sweep']).toBe(
      `node ${WORKER_NODE_ARGS.join(' ')} scripts/run.js bench-sweep`,
    );
  });

  it.each(['api', 'worker', 'migrate'])('%s gebruikt alleen env-namen die de code leest', (name) => {
    const env = Object.keys(compose.services[name].environment ?? {});
    expect(env.filter((key) => !known.has(key))).toEqual([]);
  });

  it.each(['api', 'worker'] as const)('%s krijgt alles wat het proces nodig heeft', (name) => {
    const env = compose.services[name].environment ?? {};
    const required = PROCESS_ENV[name].filter((key) => key !== ENV.LOG_LEVEL);
    for (const key of required) {
      if (name === 'api' || key !== ENV.API_PORT) expect(env).toHaveProperty(key);
    }
  });

  it('adressen wijzen naar services die bestaan, poorten kloppen', () => {
    for (const name of ['api', 'worker']) {
      const env = compose.services[name].environment ?? {};
      expect(compose.services).toHaveProperty(new URL(env.DATABASE_URL).hostname);
      expect(compose.services).toHaveProperty(env.TEMPORAL_ADDRESS.split(':')[0]);
    }
    const api = compose.services.api;
    expect(api.ports).toContain(`${api.environment?.API_PORT}:${api.environment?.API_PORT}`);
    expect(api.environment?.API_HOST).toBe('0.0.0.0');
  });

  it('start de gebouwde processen die bestaan', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const script = (compose.services[name].command ?? []).at(-1) ?? '';
      const source = path.join(root, script.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
      expect(fs.existsSync(source)).toBe(true);
    }
    expect(fs.existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });

  describe('issue 13: productie zonder lokale sleutel, interne diensten niet publiek, minste rechten', () => {
    const api = compose.services.api.environment ?? {};

    it('de API meldt aan via OIDC (verplichte issuer en JWKS), nooit met de lokale sleutel', () => {
      expect(api.AUTH_MODUS).toBe('oidc');
      expect(api.AUTH_ISSUER).toMatch(/^\$\{AUTH_ISSUER:\?/);
      expect(api.AUTH_JWKS_URL).toMatch(/^\$\{AUTH_JWKS_URL:\?/);
      expect(api).not.toHaveProperty('AUTH_LOCAL_PRIVATE_KEY');
      expect(api.TRAJECT_ID_SLEUTEL).toMatch(/^\$\{TRAJECT_ID_SLEUTEL:\?/);
      expect(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toMatch(/ENV NODE_ENV=production/);
    });

    it('Postgres, de Temporal-frontend en de Web UI staan niet op het publieke netwerk', () => {
      expect(compose.networks.intern?.internal).toBe(true);
      for (const naam of ['postgres', 'temporal', 'temporal-ui', 'worker', 'migrate']) {
        expect(compose.services[naam].networks).toEqual(['intern']);
      }
      expect(compose.services.postgres.ports).toBeUndefined();
      expect(compose.services.temporal.ports).toBeUndefined();
      expect(compose.services['temporal-ui'].ports?.every((p) => p.startsWith('127.0.0.1:'))).toBe(true);
      expect(compose.services.api.networks).toEqual(expect.arrayContaining(['intern', 'publiek']));
    });

    it('API en workers gebruiken de rol inburgering_app (geen superuser); alleen migrate de eigenaar', () => {
      for (const naam of ['api', 'worker']) {
        const url = new URL(compose.services[naam].environment?.DATABASE_URL ?? '');
        expect(url.username).toBe('inburgering_app');
      }
      expect(new URL(compose.services.migrate.environment?.DATABASE_URL ?? '').username).toBe('inburgering');
      const init = compose.services.postgres.volumes?.find((v) => v.includes('docker-entrypoint-initdb.d'));
      expect(init).toBeDefined();
      const script = fs.readFileSync(path.join(root, 'postgres-init', '01-app-rol.sh'), 'utf8');
      expect(script).toMatch(/CREATE ROLE inburgering_app LOGIN .*NOSUPERUSER/);
    });
  });
});
