import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { addDays, datumVanInstant } from '../domain/shared/kalender';
import { type Gebruiker, tekenLokaalToken } from '../platform/auth';
import { loadConfig } from '../platform/config';
import { localDir, projectRoot } from '../platform/paths';
import { startStapel, stopBijSignaal } from './stapel';

/**
 * `npm run api:contract`: schemathesis (PyPI, pinned, installed into .local/schemathesis) against
 * /api/docs/openapi.json of a running system, once per role, with a seeded traject (intake + PIP)
 * and one of its tasks, so the command routes are reached beyond 404 (issue 13, point 6). Checks:
 * no answer ≥ 500, every 4xx/5xx application/problem+json, and the document describes what the API
 * accepts (schema-valid data is accepted, schema-invalid data is refused). Bounded in examples.
 */

const SCHEMATHESIS = 'schemathesis==4.32.5';

interface Rolrun {
  naam: string;
  gebruiker: Gebruiker;
  tags: string[];
}

const RONDES: Rolrun[] = [
  {
    naam: 'casemanager',
    gebruiker: { sub: 'contract-cm', rol: 'casemanager', gemeente: 'GM0518' },
    tags: ['trajecten', 'commando’s', 'taken'],
  },
  {
    naam: 'teamleider',
    gebruiker: { sub: 'contract-tl', rol: 'teamleider', gemeente: 'GM0518' },
    tags: ['taken', 'rapportage'],
  },
  {
    naam: 'admin',
    gebruiker: { sub: 'contract-admin', rol: 'admin', gemeente: 'GM0518' },
    tags: ['trajecten', 'operations'],
  },
  {
    naam: 'operations',
    gebruiker: { sub: 'contract-ops', rol: 'operations', gemeente: null, bereik: '*' },
    tags: ['operations', 'rapportage', 'beheer'],
  },
  {
    naam: 'feed DUO',
    gebruiker: { sub: 'contract-duo', rol: 'feed', gemeente: 'GM0518', bron: 'duo' },
    tags: ['feeds'],
  },
  {
    naam: 'feed COA',
    gebruiker: { sub: 'contract-coa', rol: 'feed', gemeente: 'GM0518', bron: 'coa' },
    tags: ['feeds COA'],
  },
  {
    naam: 'feed BRP',
    gebruiker: { sub: 'contract-brp', rol: 'feed', gemeente: 'GM0518', bron: 'brp' },
    tags: ['feeds BRP'],
  },
  {
    naam: 'taalaanbieder',
    gebruiker: {
      sub: 'contract-ta',
      rol: 'taalaanbieder',
      gemeente: 'GM0518',
      organisatie: 'contract-taalschool',
    },
    tags: ['aanbieders'],
  },
];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<number> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env, cwd, stdio: 'inherit' });
    p.on('exit', (code) => resolve(code ?? 1));
  });
}

/** schemathesis from PyPI into .local/schemathesis (once). */
async function installeer(): Promise<string> {
  const venv = localDir('schemathesis');
  const bin = path.join(venv, 'bin', 'schemathesis');
  const versie = path.join(venv, '.versie');
  if (fs.existsSync(bin) && fs.existsSync(versie) && fs.readFileSync(versie, 'utf8') === SCHEMATHESIS)
    return bin;
  console.log(`schemathesis installeren (${SCHEMATHESIS}) in ${venv}`);
  if ((await run('python3', ['-m', 'venv', venv], process.env)) !== 0)
    throw new Error('python3 -m venv mislukte');
  const pip = path.join(venv, 'bin', 'pip');
  if (
    (await run(pip, ['install', '--quiet', '--disable-pip-version-check', SCHEMATHESIS], process.env)) !== 0
  ) {
    throw new Error(`pip install ${SCHEMATHESIS} mislukte`);
  }
  fs.writeFileSync(versie, SCHEMATHESIS);
  return bin;
}

async function vrijePoort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const t0 = Date.now();
  const schemathesis = await installeer();
  const maxExamples = process.argv[2];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inburgering-contract-'));
  fs.chmodSync(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    API_PORT: String(await vrijePoort()),
    EMBEDDED_POSTGRES_PORT: String(await vrijePoort()),
    EMBEDDED_TEMPORAL_PORT: String(await vrijePoort()),
    LOG_LEVEL: 'error',
    VERZOEKEN_PER_MINUUT: '1000000',
  };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'AUTH_ISSUER', 'NODE_ENV']) delete env[k];
  const stapel = await startStapel({ env, ui: false, uitvoer: () => undefined });
  stopBijSignaal(stapel);
  const uitslagen: { rol: string; code: number }[] = [];
  try {
    const auth = loadConfig({ ...env, AUTH_MODUS: 'lokaal' }).auth;
    if (auth.modus !== 'lokaal') throw new Error('lokale sleutel nodig');
    const token = (g: Gebruiker) => tekenLokaalToken(auth, g, { geldigSeconden: 3600 });
    // The seed: a traject whose PIP was late (so it has an open task), with intake and PIP.
    const cm = await token(RONDES[0].gebruiker);
    const api = async (pad: string, body: unknown) => {
      const res = await fetch(`${stapel.apiUrl}${pad}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cm}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${pad}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const vandaag = datumVanInstant(Date.now());
    const { id } = await api('/api/v1/trajecten', {
      commandId: `contract-${randomUUID()}`,
      gemeente: 'GM0518',
      doelgroep: 'asielstatushouder',
      kennisgevingsdatum: addDays(vandaag, -80),
    });
    await api(`/api/v1/trajecten/${id}/intake`, { commandId: randomUUID(), datum: vandaag });
    let taakId: string = randomUUID();
    for (let i = 0; i < 100; i += 1) {
      const res = await fetch(`${stapel.apiUrl}/api/v1/taken?trajectId=${id}&casemanager=geen`, {
        headers: { authorization: `Bearer ${cm}` },
      });
      const items = ((await res.json()) as { items: { id: string }[] }).items;
      if (items[0]) {
        taakId = items[0].id;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await api(`/api/v1/trajecten/${id}/pip`, {
      commandId: randomUUID(),
      dagtekening: vandaag,
      leerroute: 'b1',
    });

    // The document as the run saw it, beside the reports (for reading a failure afterwards).
    const rapport = localDir('schemathesis-rapport');
    fs.mkdirSync(rapport, { recursive: true });
    fs.writeFileSync(
      path.join(rapport, 'openapi.json'),
      await (await fetch(`${stapel.apiUrl}/api/docs/openapi.json`)).text(),
    );
    const hier = path.join(projectRoot(), 'scripts', 'schemathesis');
    for (const r of RONDES) {
      console.log(`\n== schemathesis als ${r.naam} (${r.tags.join(', ')})`);
      const code = await run(
        schemathesis,
        [
          '--config-file',
          path.join(hier, 'schemathesis.toml'),
          'run',
          `${stapel.apiUrl}/api/docs/openapi.json`,
          '-H',
          `Authorization: Bearer ${await token(r.gebruiker)}`,
          ...r.tags.flatMap((t) => ['--include-tag', t]),
          ...(maxExamples ? ['--max-examples', maxExamples] : []),
          '--report',
          'junit',
          '--report-dir',
          path.join(localDir('schemathesis-rapport'), r.naam),
        ],
        {
          ...process.env,
          PYTHONPATH: hier,
          SCHEMATHESIS_HOOKS: 'controles',
          CONTRACT_TRAJECT_ID: id,
          CONTRACT_TAAK_ID: taakId,
        },
        hier,
      );
      uitslagen.push({ rol: r.naam, code });
    }
  } finally {
    await stapel.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\napi:contract in ${Math.round((Date.now() - t0) / 1000)} s`);
  for (const u of uitslagen)
    console.log(`  ${u.rol.padEnd(12)} ${u.code === 0 ? 'geslaagd' : `MISLUKT (code ${u.code})`}`);
  process.exit(uitslagen.every((u) => u.code === 0) ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
