import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ENV, PROCESS_ENV } from '../../platform/config';

// No Docker engine runs here: this keeps the compose file honest against what the code reads.
const root = path.resolve(__dirname, '..', '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    { environment?: Record<string, string>; command?: string[]; build?: string; ports?: string[] }
  >;
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
      const [, script] = compose.services[name].command ?? [];
      const source = path.join(root, script.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
      expect(fs.existsSync(source)).toBe(true);
    }
    expect(fs.existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });
});
