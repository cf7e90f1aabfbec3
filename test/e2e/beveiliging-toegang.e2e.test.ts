import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { createApiApp } from '../../api/app';
import { trajectIdVoorAanmelding } from '../../api/trajecten/traject-id';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { lokaleSleutel } from '../../platform/auth';
import { loadConfig } from '../../platform/config';
import { zorgVoorNachtelijkeEscalaties } from '../../platform/temporal/nachtelijke-escalaties';
import { trajectIdSleutel } from '../../platform/traject-id-sleutel';
import { apiAuthEnv, bearer, lokaleAuth, testToken } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(90_000);

// Issue 13, points 7–9: who may start the API with which key, whose trajecten a token covers, and
// whose commandIds are whose. Each refused case is asserted together with "nothing changed".

const ROOT = path.resolve(__dirname, '..', '..');
const vandaag = datumVanInstant(Date.now());
const gm = () => `GM7${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
// Three gemeenten of this file only: a region of two (a werkbedrijf) and one outside it.
const [HOORN, ENKHUIZEN, ELDERS] = (() => {
  const set = new Set<string>();
  while (set.size < 3) set.add(gm());
  return [...set];
})();
const SCRAPE = randomBytes(24).toString('base64url');

let system: RunningSystem;
beforeAll(async () => {
  process.env.METRICS_TOKEN = SCRAPE;
  system = await startSystem();
});
afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  await system?.stop();
});

const req = (pad: string, headers: Record<string, string>, init: RequestInit = {}) =>
  fetch(`${system.baseUrl}${pad}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...headers, ...(init.headers as Record<string, string>) },
  });
const post = (pad: string, body: unknown, headers: Record<string, string>) =>
  req(pad, headers, { method: 'POST', body: JSON.stringify(body) });

async function workflowBestaat(trajectId: string): Promise<boolean> {
  try {
    await system.client.workflow.getHandle(`traject-${trajectId}`).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

async function nieuwTraject(gemeente: string): Promise<string> {
  const cm = await bearer({ rol: 'casemanager', gemeente, sub: `cm-${gemeente.toLowerCase()}` });
  const res = await post(
    '/api/v1/trajecten',
    {
      commandId: randomUUID(),
      gemeente,
      doelgroep: 'gezinsmigrant',
      kennisgevingsdatum: addDays(vandaag, -20),
    },
    cm,
  );
  expect(res.status).toBe(201);
  const { id } = await json(res);
  // Lists read the read model: wait until the workflow wrote the row.
  for (let i = 0; i < 100; i += 1) {
    const [r] = await system.dataSource.query('SELECT 1 FROM traject WHERE id = $1', [id]);
    if (r) break;
    await new Promise((r2) => setTimeout(r2, 100));
  }
  return id as string;
}

describe('7. lokale sleutel alleen op verzoek, nooit in productie; de API heeft alleen de publieke sleutel', () => {
  const apiMet = (env: Record<string, string>) =>
    createApiApp({
      config: loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1:1/x', ...env }),
      dataSource: system.dataSource,
      client: system.client,
    });

  it('zonder keuze (geen AUTH_ISSUER, geen AUTH_MODUS=lokaal) start de API niet', async () => {
    await expect(apiMet({})).rejects.toThrow(/AUTH_MODUS=lokaal/);
  });

  it('met de private sleutel in zijn omgeving start de API niet; met alleen de publieke wel', async () => {
    const prive = lokaleSleutel(lokaleAuth()).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(apiMet({ AUTH_MODUS: 'lokaal', AUTH_LOCAL_PRIVATE_KEY: prive })).rejects.toThrow(
      /AUTH_LOCAL_PRIVATE_KEY hoort bij npm run token/,
    );
    const app = await apiMet(apiAuthEnv());
    await app.close();
  });

  it('het API-proces zelf weigert AUTH_MODUS=lokaal onder NODE_ENV=production, met een Nederlandse melding', async () => {
    // api/main.ts as it runs, compiled on the fly (no dist needed).
    const swcrc = JSON.parse(readFileSync(path.join(ROOT, '.swcrc'), 'utf8'));
    delete swcrc.$schema;
    const kind = `
      const fs = require('node:fs');
      const swc = require('@swc/core');
      const opties = ${JSON.stringify({ ...swcrc, swcrc: false, sourceMaps: false })};
      require.extensions['.ts'] = (m, filename) => {
        const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...opties, filename });
        m._compile(code, filename);
      };
      require(process.argv[1]);`;
    const uitvoer = await new Promise<{ code: number | null; tekst: string }>((resolve) => {
      const p = spawn(process.execPath, ['-e', kind, path.join(ROOT, 'api', 'main.ts')], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          AUTH_MODUS: 'lokaal',
          DATABASE_URL: process.env.E2E_DATABASE_URL,
          API_PORT: '0',
        },
      });
      let tekst = '';
      p.stdout.on('data', (b) => {
        tekst += b;
      });
      p.stderr.on('data', (b) => {
        tekst += b;
      });
      p.on('exit', (code) => resolve({ code, tekst }));
    });
    expect(uitvoer.code).toBe(1);
    expect(uitvoer.tekst).toContain('api gestopt door fout');
    expect(uitvoer.tekst).toContain('niet toegestaan met NODE_ENV=production');
    expect(uitvoer.tekst).not.toContain('api gestart');
  });
});

describe('8. bereik: dicht tenzij gegeven; een regio ziet haar gemeenten; landelijk alleen met "*"', () => {
  let hoorn: string;
  let enkhuizen: string;
  let elders: string;
  beforeAll(async () => {
    [hoorn, enkhuizen, elders] = await Promise.all([
      nieuwTraject(HOORN),
      nieuwTraject(ENKHUIZEN),
      nieuwTraject(ELDERS),
    ]);
  });

  it('een regionale teamleider ziet de trajecten van de regio, elk met de eigen gemeente, en niets daarbuiten', async () => {
    const regio = await bearer({ rol: 'teamleider', gemeente: [HOORN, ENKHUIZEN], sub: 'tl-wf' });
    const items: Json[] = [];
    let cursor: string | null = null;
    do {
      const pagina: Json = await json(
        await req(`/api/v1/trajecten?limiet=200${cursor ? `&cursor=${cursor}` : ''}`, regio),
      );
      items.push(...pagina.items);
      cursor = pagina.volgende;
    } while (cursor);
    const ids = items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([hoorn, enkhuizen]));
    expect(ids).not.toContain(elders);
    expect(new Set(items.map((i) => i.gemeente))).toEqual(new Set([HOORN, ENKHUIZEN]));
    expect((await req(`/api/v1/trajecten/${hoorn}`, regio)).status).toBe(200);
    // Outside the region: exactly an unknown traject, and a command changes nothing.
    expect((await req(`/api/v1/trajecten/${elders}`, regio)).status).toBe(404);
    const voor = (
      await json(
        await req(`/api/v1/trajecten/${elders}`, await bearer({ rol: 'teamleider', gemeente: ELDERS })),
      )
    ).status.versie;
    const cmd = await post(
      `/api/v1/trajecten/${elders}/brp`,
      { commandId: randomUUID(), datum: vandaag },
      regio,
    );
    expect(cmd.status).toBe(404);
    const na = (
      await json(
        await req(`/api/v1/trajecten/${elders}`, await bearer({ rol: 'teamleider', gemeente: ELDERS })),
      )
    ).status.versie;
    expect(na).toBe(voor);
    // Inside the region: applied (the workflow's validator checked the scope, issue 14), and the audit
    // row, written by the workflow, names the traject's own gemeente (the token has none of its own).
    const binnenId = randomUUID();
    expect(
      (await post(`/api/v1/trajecten/${hoorn}/brp`, { commandId: binnenId, datum: vandaag }, regio)).status,
    ).toBe(200);
    let rijen: { gemeente: string; rol: string }[] = [];
    for (let i = 0; i < 100 && rijen.length === 0; i += 1) {
      rijen = await system.dataSource.query(
        // The API scopes a caller's commandId by its source (`ui:<id>`).
        "SELECT gemeente, rol FROM audit_event WHERE command_id LIKE '%:' || $1 AND uitkomst = 'geaccepteerd'",
        [binnenId],
      );
      if (rijen.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rijen).toEqual([{ gemeente: HOORN, rol: 'teamleider' }]);
    const overzicht = await json(await req('/api/v1/rapportage/overzicht', regio));
    expect(overzicht.gemeenten.map((g: Json) => g.gemeente).sort()).toEqual([HOORN, ENKHUIZEN].sort());
    const buiten = await json(await req(`/api/v1/rapportage/overzicht?gemeente=${ELDERS}`, regio));
    expect(buiten.gemeenten).toEqual([]);
  });

  it('operations of admin zonder gemeente-claim ziet niets; met "*" alles', async () => {
    const ops = await bearer({ rol: 'operations', gemeente: null, sub: 'ops-zonder' });
    const admin = await bearer({ rol: 'admin', gemeente: null, sub: 'admin-zonder' });
    expect((await json(await req('/api/v1/operations/workflows?limiet=50', ops))).items).toEqual([]);
    expect((await json(await req('/api/v1/trajecten', admin))).items).toEqual([]);
    expect((await json(await req('/api/v1/rapportage/overzicht', ops))).gemeenten).toEqual([]);
    expect((await json(await req('/api/v1/taken?status=open', admin))).items).toEqual([]);
    expect((await req(`/api/v1/operations/trajecten/${hoorn}/geschiedenis`, ops)).status).toBe(404);
    const landelijk = await bearer({ rol: 'operations', gemeente: '*', sub: 'ops-nl' });
    let wf: Json[] = [];
    for (let i = 0; i < 50 && wf.length === 0; i += 1) {
      wf = (await json(await req(`/api/v1/operations/workflows?gemeente=${ELDERS}`, landelijk))).items;
      if (wf.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(wf.map((i: Json) => i.workflowId)).toContain(`traject-${elders}`);
    const regio = await bearer({ rol: 'operations', gemeente: [HOORN, ENKHUIZEN], sub: 'ops-wf' });
    let gemeenten = new Set<string>();
    for (let i = 0; i < 50 && gemeenten.size < 2; i += 1) {
      const regioWf = await json(await req('/api/v1/operations/workflows?limiet=1000', regio));
      gemeenten = new Set(regioWf.items.map((w: Json) => w.gemeente));
      expect([...gemeenten].every((g) => g === HOORN || g === ENKHUIZEN)).toBe(true);
      if (gemeenten.size < 2) await new Promise((r) => setTimeout(r, 200));
    }
    expect(gemeenten).toEqual(new Set([HOORN, ENKHUIZEN]));
  });

  it('een admin van één gemeente kan de landelijke nachtronde niet pauzeren of starten, en ziet geen traject-ids', async () => {
    await zorgVoorNachtelijkeEscalaties(system.client, {
      tijd: '04:00',
      inhaalvensterUren: 24,
      taskQueue: system.taskQueue,
      scheduleId: system.scheduleId,
      beleid: {},
    });
    const admin = await bearer({ rol: 'admin', gemeente: HOORN, sub: 'admin-hoorn' });
    const voor = await json(await req('/api/v1/operations/escalatierondes', admin));
    for (const actie of ['pauze', 'hervatten']) {
      const res = await post(`/api/v1/operations/escalatierondes/${actie}`, { reden: 'even niet' }, admin);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await json(res)).code).toBe('LANDELIJK_BEREIK_NODIG');
    }
    expect((await req('/api/v1/operations/escalatierondes/start', admin, { method: 'POST' })).status).toBe(
      403,
    );
    const na = await json(await req('/api/v1/operations/escalatierondes', admin));
    expect(na.schedule.gepauzeerd).toBe(voor.schedule.gepauzeerd);
    expect(na.schedule.notitie).toBe(voor.schedule.notitie);
    for (const ronde of na.rondes as Json[]) {
      expect(ronde.reconciliatie.bevindingen ?? []).toEqual([]);
      for (const f of ronde.fouten) expect(f).not.toHaveProperty('trajectId');
    }
    const rijen = await system.dataSource.query(
      "SELECT actie, code FROM audit_event WHERE actor = 'admin-hoorn' AND uitkomst = 'afgewezen' ORDER BY actie",
    );
    expect(rijen).toEqual([
      { actie: 'escalatierondeHervatten', code: 'LANDELIJK_BEREIK_NODIG' },
      { actie: 'escalatierondePauzeren', code: 'LANDELIJK_BEREIK_NODIG' },
      { actie: 'escalatierondeStarten', code: 'LANDELIJK_BEREIK_NODIG' },
    ]);
  });

  it('/metrics: voor landelijke operations of het scrape-token, niet voor de admin van één gemeente', async () => {
    const metrics = (headers: Record<string, string>) => req('/metrics', headers);
    expect((await metrics(await bearer({ rol: 'admin', gemeente: HOORN }))).status).toBe(403);
    expect((await metrics(await bearer({ rol: 'operations', gemeente: HOORN }))).status).toBe(403);
    expect((await metrics(await bearer({ rol: 'operations', gemeente: null }))).status).toBe(403);
    expect((await metrics({ authorization: `Bearer ${SCRAPE}x` })).status).toBe(401);
    expect((await metrics(await bearer({ rol: 'operations', gemeente: '*' }))).status).toBe(200);
    const scrape = await metrics({ authorization: `Bearer ${SCRAPE}` });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('http_request_duration_seconds');
  });
});

describe('9. commandId per bron, geen BSN-vormige ids, traject-ids met een sleutel', () => {
  let id: string;
  let cm: Record<string, string>;
  beforeAll(async () => {
    id = await nieuwTraject(HOORN);
    cm = await bearer({ rol: 'casemanager', gemeente: HOORN, sub: 'cm-bron' });
    expect(
      (await post(`/api/v1/trajecten/${id}/intake`, { commandId: randomUUID(), datum: vandaag }, cm)).status,
    ).toBe(200);
    expect(
      (
        await post(
          `/api/v1/trajecten/${id}/pip`,
          { commandId: randomUUID(), dagtekening: vandaag, leerroute: 'b1' },
          cm,
        )
      ).status,
    ).toBe(200);
  });

  it('een casemanager die eerst "duo:…" stuurt, kan een DUO-besluit met die id niet voor zijn', async () => {
    const ref = `REF-${randomUUID().slice(0, 8)}`;
    const eigen = await post(
      `/api/v1/trajecten/${id}/examenresultaten`,
      { commandId: `duo:examen:${ref}`, component: 'knm', behaald: false, datum: vandaag },
      cm,
    );
    expect(eigen.status).toBe(200);
    const feed = await bearer({ rol: 'feed', gemeente: HOORN, sub: 'duo-feed' });
    const levering = await json(
      await post(
        '/api/v1/feeds/duo/examenresultaten',
        { items: [{ referentie: ref, trajectId: id, component: 'knm', behaald: true, datum: vandaag }] },
        feed,
      ),
    );
    expect(levering.resultaten[0]).toMatchObject({ uitkomst: 'afgeleverd', commandId: `duo:examen:${ref}` });
    // Both count: the casemanager's (as ui:duo:examen:…) and DUO's own result.
    let knm: Json[] = [];
    for (let i = 0; i < 100 && knm.length < 2; i += 1) {
      const s = (await json(await req(`/api/v1/trajecten/${id}`, cm))).status;
      knm = s.state.examenresultaten.filter((e: Json) => e.component === 'knm');
      if (knm.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(knm.map((e) => e.behaald).sort()).toEqual([false, true]);
    let ids: Json[] = [];
    for (let i = 0; i < 100 && ids.length < 2; i += 1) {
      ids = await system.dataSource.query(
        "SELECT command_id FROM audit_event WHERE traject_id = $1 AND actie = 'registreerExamenresultaat' ORDER BY command_id",
        [id],
      );
      if (ids.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ids.map((r: Json) => r.command_id)).toEqual([`duo:examen:${ref}`, `ui:duo:examen:${ref}`]);
  });

  it('BSN-vormige ids (elfproef) worden geweigerd in commandId, referentie, casemanager en sub, en niet herhaald', async () => {
    const bsn = '111222333';
    const voor = (await json(await req(`/api/v1/trajecten/${id}`, cm))).status.versie;
    const aanmelding = { gemeente: HOORN, doelgroep: 'gezinsmigrant', kennisgevingsdatum: vandaag };
    for (const res of [
      await post('/api/v1/trajecten', { ...aanmelding, commandId: `aanmelding-${bsn}` }, cm),
      await post('/api/v1/trajecten', aanmelding, { ...cm, 'idempotency-key': `x:${bsn}` }),
      await post(`/api/v1/trajecten/${id}/brp`, { commandId: `brp.${bsn}`, datum: vandaag }, cm),
      await post(
        `/api/v1/trajecten/${id}/casemanager`,
        { commandId: randomUUID(), casemanager: `cm-${bsn}` },
        cm,
      ),
      await req(`/api/v1/trajecten?casemanager=cm-${bsn}`, cm),
      await req(`/api/v1/taken?casemanager=${bsn}`, await bearer({ rol: 'teamleider', gemeente: HOORN })),
    ]) {
      expect(res.status).toBe(400);
      expect(await res.text()).not.toContain(bsn);
    }
    const trajectId = trajectIdVoorAanmelding(trajectIdSleutel(), HOORN, `ui:aanmelding-${bsn}`);
    expect(await workflowBestaat(trajectId)).toBe(false);
    expect((await json(await req(`/api/v1/trajecten/${id}`, cm))).status.versie).toBe(voor);

    const feed = await bearer({ rol: 'feed', gemeente: HOORN, sub: 'duo-feed' });
    const levering = await json(
      await post(
        '/api/v1/feeds/duo/examenresultaten',
        {
          items: [
            {
              referentie: `DUO-${bsn}`,
              trajectId: id,
              component: 'lezen',
              behaald: true,
              niveau: 'B1',
              datum: vandaag,
            },
          ],
        },
        feed,
      ),
    );
    expect(levering.resultaten[0]).toMatchObject({ uitkomst: 'ongeldig', fouten: [{ veld: 'referentie' }] });
    expect(JSON.stringify(levering)).not.toContain(bsn);
    const token = await testToken({ rol: 'casemanager', gemeente: HOORN, sub: `u-${bsn}` });
    expect((await req('/api/v1/trajecten', { authorization: `Bearer ${token}` })).status).toBe(401);
    // A random uuid or hash is never mistaken for one: only a separated nine-digit part counts.
    expect(
      (await post(`/api/v1/trajecten/${id}/brp`, { commandId: `a${bsn}b-c`, datum: vandaag }, cm)).status,
    ).not.toBe(400);
  });

  it('traject-ids zijn een HMAC met een geheime sleutel, geen gewone hash van gemeente + commandId', async () => {
    const commandId = randomUUID();
    const res = await post(
      '/api/v1/trajecten',
      { commandId, gemeente: HOORN, doelgroep: 'gezinsmigrant', kennisgevingsdatum: vandaag },
      cm,
    );
    const { id: nieuw } = await json(res);
    expect(nieuw).toBe(trajectIdVoorAanmelding(trajectIdSleutel(), HOORN, `ui:${commandId}`));
    expect(nieuw).not.toBe(trajectIdVoorAanmelding(randomBytes(32), HOORN, `ui:${commandId}`));
    const zonderSleutel = (naam: string, alg: string) =>
      createHash(alg).update(naam).digest('hex').slice(0, 32);
    for (const naam of [`aanmelding:${HOORN}:${commandId}`, `aanmelding:${HOORN}:ui:${commandId}`]) {
      for (const alg of ['sha1', 'sha256'])
        expect(nieuw.replaceAll('-', '')).not.toBe(zonderSleutel(naam, alg));
    }
  });
});
