import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { createDataSource, migrate } from '../../platform/persistence/data-source';
import { bearer } from '../support/auth';
import { e2eDatabase } from '../support/database';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

// Issue 13, points 12–14: HTTP hardening, the CBS export (streamed, neutralised cells) and the
// database role of the application. Refused cases assert that nothing changed.

const vandaag = datumVanInstant(Date.now());
const GM = `GM9${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
// The CBS export's own gemeente: nothing else in this file makes trajecten there.
const CBS = `GM5${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;

let system: RunningSystem;
let beperkt: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
  beperkt = await startSystem({ env: { VERZOEKEN_PER_MINUUT: '5' } });
});
afterAll(async () => {
  await beperkt?.stop();
  await system?.stop();
});

const req = (s: RunningSystem, pad: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  fetch(`${s.baseUrl}${pad}`, { ...init, headers: { 'content-type': 'application/json', ...headers } });

async function nieuwTraject(s: RunningSystem, cm: Record<string, string>): Promise<string> {
  const res = await req(s, '/api/v1/trajecten', cm, {
    method: 'POST',
    body: JSON.stringify({
      commandId: randomUUID(),
      gemeente: GM,
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(vandaag, -5),
    }),
  });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
}

describe('12. HTTP-verharding', () => {
  it('helmet: geen X-Powered-By, nosniff, geen framing, een CSP die bij de UI en de OpenAPI-pagina past', async () => {
    for (const pad of ['/health', '/api/docs', '/api/v1/trajecten']) {
      const res = await req(system, pad);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
    }
    // The docs page runs under that CSP: every script comes from this origin (no inline code).
    const html = await (await req(system, '/api/docs')).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inhoud] of scripts) {
      expect(attrs).toMatch(/src="/);
      expect(inhoud.trim()).toBe('');
    }
  });

  it('het token wordt gecontroleerd vóór de body gelezen wordt: zonder token 401, ook bij 5 MB of kapotte JSON', async () => {
    const groot = `{"x":"${'a'.repeat(5 * 1024 * 1024)}"}`;
    for (const body of [groot, '{kapot', '{"gemeente":"GM0518"}']) {
      const res = await req(system, '/api/v1/trajecten', {}, { method: 'POST', body });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await json(res)).code).toBe('TOKEN_ONTBREEKT');
    }
    // With a token the same 5 MB is the parser's 413: the order is token, then body.
    const cm = await bearer({ rol: 'casemanager', gemeente: GM });
    expect((await req(system, '/api/v1/trajecten', cm, { method: 'POST', body: groot })).status).toBe(413);
  });

  it('per gebruiker een snelheidslimiet: 429 problem+json met Retry-After, een ander gaat gewoon door, niets verwerkt', async () => {
    const a = await bearer({ rol: 'casemanager', gemeente: GM, sub: 'cm-snel' });
    const b = await bearer({ rol: 'casemanager', gemeente: GM, sub: 'cm-rustig' });
    const id = await nieuwTraject(beperkt, a);
    for (let i = 0; i < 3; i += 1)
      expect((await req(beperkt, `/api/v1/trajecten/${id}`, a)).status).toBe(200);
    const versie = (await json(await req(beperkt, `/api/v1/trajecten/${id}`, a))).status.versie;
    const res = await req(beperkt, `/api/v1/trajecten/${id}/brp`, a, {
      method: 'POST',
      body: JSON.stringify({ commandId: randomUUID(), datum: vandaag }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await json(res)).toMatchObject({ status: 429, code: 'TE_VEEL_VERZOEKEN' });
    const status = (await json(await req(beperkt, `/api/v1/trajecten/${id}`, b))).status;
    expect(status.versie).toBe(versie);
  });
});

describe('12 en 14. de CBS-export: gestreamd per pagina, cellen als formule geneutraliseerd', () => {
  it('2.500 trajecten komen in stukken (chunked) en volledig; "=…", "+…", "-…", "@…" krijgen een apostrof', async () => {
    const n = 2500;
    await system.dataSource.query(
      `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, kennisgevingsdatum, versie)
       SELECT gen_random_uuid(), 'traject-cbs-' || g || '-' || $2, $1, 'gezinsmigrant', 'aangemeld', $3::date, 1
       FROM generate_series(1, $4) g`,
      [CBS, randomUUID(), addDays(vandaag, -30), n],
    );
    const gevaarlijk = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SOM(A1)'];
    for (const [i, waarde] of gevaarlijk.entries()) {
      await system.dataSource.query(
        `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, kennisgevingsdatum, versie, uitkomst_reden)
         VALUES (gen_random_uuid(), $1, $2, $3, 'aangemeld', $4::date, 1, $3)`,
        [`traject-cbs-gevaar-${i}-${randomUUID()}`, CBS, waarde, addDays(vandaag, -30)],
      );
    }
    const tl = await bearer({ rol: 'teamleider', gemeente: CBS });
    const jaar = vandaag.slice(0, 4);
    const kwartaal = `${jaar}Q${Math.floor((Number(vandaag.slice(5, 7)) - 1) / 3) + 1}`;
    const res = await req(system, `/api/v1/rapportage/cbs-swi?kwartaal=${kwartaal}`, tl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    const regels = (await res.text()).trim().split('\r\n');
    expect(regels).toHaveLength(1 + n + gevaarlijk.length);
    expect(new Set(regels.slice(1).map((r) => r.split(';')[2])).size).toBe(n + gevaarlijk.length);
    for (const regel of regels.slice(1)) {
      for (const cel of regel.split(';')) expect(cel.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
    }
    expect(regels.some((r) => r.includes(`"'=HYPERLINK(""http://x"")"`))).toBe(true);
    expect(regels.some((r) => r.includes("'@SOM(A1)"))).toBe(true);
  });
});

describe('13. de applicatie als rol zonder superuser, audit_event alleen toevoegen', () => {
  it('inburgering_app: werkt voor API en worker, mag audit_event niet wijzigen, wissen of legen, en geen tabellen maken', async () => {
    const eigenaar = await e2eDatabase();
    const wachtwoord = randomUUID();
    const admin = new Client({ connectionString: eigenaar });
    await admin.connect();
    await admin.query(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inburgering_app') THEN
           CREATE ROLE inburgering_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
         END IF;
       END $$`,
    );
    await admin.query(`ALTER ROLE inburgering_app PASSWORD '${wachtwoord}'`);
    await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await admin.end();
    // Every migrate gives the role its rights (also on tables added later).
    const ds = await createDataSource(eigenaar, 'e2e-rechten').initialize();
    await migrate(ds);
    await ds.destroy();

    const url = new URL(eigenaar);
    url.username = 'inburgering_app';
    url.password = wachtwoord;
    const app = new Client({ connectionString: url.href });
    await app.connect();
    try {
      expect((await app.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows).toEqual([
        { rolsuper: false },
      ]);
      const [{ id }] = (
        await app.query(
          `INSERT INTO audit_event (actor, rol, actie, uitkomst, request_id) VALUES ('app-1', 'admin', 'proef', 'geaccepteerd', $1) RETURNING id`,
          [randomUUID()],
        )
      ).rows;
      for (const sql of [
        `UPDATE audit_event SET actie = 'anders' WHERE id = '${id}'`,
        `DELETE FROM audit_event WHERE id = '${id}'`,
        'TRUNCATE audit_event',
        'CREATE TABLE iets (x int)',
        'ALTER TABLE traject ADD COLUMN x int',
      ]) {
        await expect(app.query(sql)).rejects.toMatchObject({ code: '42501' });
      }
      expect((await app.query('SELECT actie FROM audit_event WHERE id = $1', [id])).rows).toEqual([
        { actie: 'proef' },
      ]);
    } finally {
      await app.end();
    }

    // The whole application runs as this role: an aanmelding, a command, a list, a task.
    const alsApp = await startSystem({ databaseUrl: url.href });
    try {
      const cm = await bearer({ rol: 'casemanager', gemeente: GM, sub: 'cm-app' });
      const trajectId = await nieuwTraject(alsApp, cm);
      const cmd = await req(alsApp, `/api/v1/trajecten/${trajectId}/intake`, cm, {
        method: 'POST',
        body: JSON.stringify({ commandId: randomUUID(), datum: vandaag }),
      });
      expect(cmd.status).toBe(200);
      let rijen: Json[] = [];
      for (let i = 0; i < 100 && rijen.length < 2; i += 1) {
        rijen = await alsApp.dataSource.query(
          "SELECT actie FROM audit_event WHERE traject_id = $1 AND bron = 'workflow' ORDER BY tijd",
          [trajectId],
        );
        if (rijen.length < 2) await new Promise((r) => setTimeout(r, 100));
      }
      expect(rijen.map((r) => r.actie)).toEqual(['aanmelden', 'registreerIntake']);
      expect((await req(alsApp, '/api/v1/trajecten', cm)).status).toBe(200);
    } finally {
      await alsApp.stop();
    }
  });
});
