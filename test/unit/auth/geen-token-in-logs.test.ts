import { generateKeyPairSync } from 'node:crypto';
import type { TestApp } from './test-app';

// The guard's and the request logger's lines, captured at info level, never carry the token.
let t: TestApp;
let regels: string[] = [];
const stdout = process.stdout.write;
const stderr = process.stderr.write;
let lokaleAuth: typeof import('../../support/auth');

beforeAll(async () => {
  process.env.LOG_LEVEL = 'info';
  // Loaded only now, so that the module-level loggers pick up LOG_LEVEL=info.
  const { startTestApp } = await import('./test-app');
  const { loadConfig } = await import('../../../platform/config');
  lokaleAuth = await import('../../support/auth');
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const vang = (chunk: string | Uint8Array): boolean => {
    regels.push(String(chunk));
    return true;
  };
  process.stdout.write = vang as typeof process.stdout.write;
  process.stderr.write = vang as typeof process.stderr.write;
  const publiek = lokaleAuth.apiAuthEnv(lokaleAuth.lokaleAuth({ AUTH_LOCAL_PRIVATE_KEY: pem }));
  t = await startTestApp(loadConfig({ LOG_LEVEL: 'info', ...publiek }));
});
afterAll(async () => {
  process.stdout.write = stdout;
  process.stderr.write = stderr;
  await t?.app.close();
});

it('logt weigeringen met request id en reden, zonder token', async () => {
  regels = [];
  const vervalst = await lokaleAuth.testToken({ rol: 'casemanager' }, { auth: lokaleAuth.vreemdeSleutel() });
  const res = await fetch(`${t.url}/api/v1/trajecten`, { headers: { authorization: `Bearer ${vervalst}` } });
  expect(res.status).toBe(401);
  await new Promise((r) => setTimeout(r, 50));
  const log = regels.join('');
  expect(log).toContain('"msg":"toegang geweigerd"');
  expect(log).toContain(`"requestId":"${res.headers.get('x-request-id')}"`);
  expect(log).toContain('"reden":"TOKEN_ONGELDIG"');
  for (const deel of vervalst.split('.')) expect(log).not.toContain(deel);
});
