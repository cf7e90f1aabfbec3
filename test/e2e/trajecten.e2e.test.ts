import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { trajectIdVoorAanmelding } from '../../api/trajecten/traject-id';
import { addDays, addWeeks, datumVanInstant } from '../../domain/shared/kalender';
import { trajectIdSleutel } from '../../platform/traject-id-sleutel';
import { bearer, testToken, verlopenToken, vreemdeSleutel } from '../support/auth';
import { json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

let system: RunningSystem;
const vandaag = datumVanInstant(Date.now());
const kennisgeving = addDays(vandaag, -14);

beforeAll(async () => {
  system = await startSystem();
  casemanager = await bearer({ rol: 'casemanager', gemeente: 'GM0518', sub: 'cm-e2e' });
});
afterAll(async () => {
  await system?.stop();
});

let casemanager: { authorization: string };
const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${system.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...casemanager, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (path: string, headers: Record<string, string> = casemanager) =>
  fetch(`${system.baseUrl}${path}`, { headers });

const aanmelding = (overrides: Record<string, unknown> = {}) => ({
  commandId: randomUUID(),
  gemeente: 'GM0518',
  doelgroep: 'asielstatushouder',
  kennisgevingsdatum: kennisgeving,
  ...overrides,
});

/** The id the API gives an aanmelding: keyed HMAC over gemeente + the server-prefixed commandId. */
const trajectIdVoor = (gemeente: string, commandId: string) =>
  trajectIdVoorAanmelding(trajectIdSleutel(), gemeente, `ui:${commandId}`);

async function rijBestaat(trajectId: string): Promise<boolean> {
  const [{ n }] = await system.dataSource.query('SELECT count(*)::int AS n FROM traject WHERE id = $1', [
    trajectId,
  ]);
  return n > 0;
}

async function workflowBestaat(workflowId: string): Promise<boolean> {
  try {
    await system.client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('voorwaarde niet bereikt binnen de tijd');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('walking skeleton: aanmelden en ophalen over HTTP', () => {
  it('start een traject-workflow, schrijft het leesmodel en toont de live status', async () => {
    const body = aanmelding();
    const res = await post('/api/v1/trajecten', body);
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.workflowId).toBe(`traject-${created.id}`);
    expect(res.headers.get('location')).toBe(`/api/v1/trajecten/${created.id}`);
    expect(res.headers.get('x-request-id')).toBeTruthy();

    const detail = await eventually(async () => {
      const r = await get(`/api/v1/trajecten/${created.id}`);
      expect(r.status).toBe(200);
      const body = await json(r);
      return body.readModel && body.status ? body : undefined;
    });
    expect(detail.status.state.fase).toBe('aangemeld');
    expect(detail.status.state.gemeente).toBe('GM0518');
    const pip = detail.status.deadlines.find((d: { soort: string }) => d.soort.includes('pip'));
    expect(pip?.datum).toBe(addWeeks(kennisgeving, 10));
    expect(detail.readModel).toMatchObject({
      id: created.id,
      gemeente: 'GM0518',
      doelgroep: 'asielstatushouder',
      fase: 'aangemeld',
      kennisgevingsdatum: kennisgeving,
      volgendeDeadline: addWeeks(kennisgeving, 10),
    });
    expect(detail.readModel.versie).toBeGreaterThanOrEqual(1);
  });

  it('maakt bij dezelfde commandId één traject (ook via Idempotency-Key)', async () => {
    const body = aanmelding();
    const first = await post('/api/v1/trajecten', body);
    expect(first.status).toBe(201);
    const { id, workflowId } = await json(first);
    const { runId } = await system.client.workflow.getHandle(workflowId).describe();

    const again = await post('/api/v1/trajecten', body);
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(id);

    const { commandId, ...zonderId } = body;
    const viaHeader = await post('/api/v1/trajecten', zonderId, { 'idempotency-key': commandId });
    expect(viaHeader.status).toBe(200);
    expect((await json(viaHeader)).id).toBe(id);

    const described = await system.client.workflow.getHandle(workflowId).describe();
    expect(described.runId).toBe(runId);
  });

  it('weigert dezelfde commandId met een andere inhoud (409) en verandert niets', async () => {
    const body = aanmelding();
    expect((await post('/api/v1/trajecten', body)).status).toBe(201);
    const res = await post('/api/v1/trajecten', { ...body, doelgroep: 'gezinsmigrant' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await json(res)).code).toBe('COMMAND_ID_HERGEBRUIKT');
  });

  it.each([
    ['een onbekend veld', { bsn: '123456782' }, 'bsn'],
    ['een ongeldige gemeentecode', { gemeente: 'Den Haag' }, 'gemeente'],
    ['een onmogelijke datum', { kennisgevingsdatum: '2025-02-30' }, 'kennisgevingsdatum'],
    ['een onbekende doelgroep', { doelgroep: 'toerist' }, 'doelgroep'],
    ['een verkeerd type', { kennisgevingsdatum: 20250101 }, 'kennisgevingsdatum'],
  ])(
    'weigert %s met 400 problem+json in het Nederlands, zonder iets te starten',
    async (_naam, fout, veld) => {
      const body = aanmelding(fout);
      const res = await post('/api/v1/trajecten', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await json(res);
      expect(problem).toMatchObject({ status: 400, title: 'Ongeldig verzoek' });
      expect(problem.fouten.map((f: { veld: string }) => f.veld)).toContain(veld);
      expect(JSON.stringify(problem)).not.toContain('123456782');
      const trajectId = trajectIdVoor(String(body.gemeente), body.commandId);
      expect(await workflowBestaat(`traject-${trajectId}`)).toBe(false);
      expect(await rijBestaat(trajectId)).toBe(false);
    },
  );

  it('weigert een kennisgeving in de toekomst met 422 en de domeincode', async () => {
    const body = aanmelding({ kennisgevingsdatum: addDays(vandaag, 30) });
    const res = await post('/api/v1/trajecten', body);
    expect(res.status).toBe(422);
    const problem = await json(res);
    expect(problem.code).toBe('DATUM_IN_TOEKOMST');
    expect(problem.detail).toMatch(/toekomst/);
    expect(await workflowBestaat(`traject-${trajectIdVoor('GM0518', body.commandId)}`)).toBe(false);
  });

  it('zonder commandId: 400', async () => {
    const { commandId: _weg, ...body } = aanmelding();
    const res = await post('/api/v1/trajecten', body);
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe('COMMAND_ID_ONTBREEKT');
  });

  it('kapotte JSON: 400; ander mediatype: 415; te grote body: 413', async () => {
    const kapot = await post('/api/v1/trajecten', '{"gemeente": ');
    expect(kapot.status).toBe(400);
    expect((await json(kapot)).code).toBe('JSON_ONGELDIG');

    const tekst = await fetch(`${system.baseUrl}/api/v1/trajecten`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...casemanager },
      body: 'hallo',
    });
    expect(tekst.status).toBe(415);
    expect(tekst.headers.get('content-type')).toContain('application/problem+json');

    const groot = await post('/api/v1/trajecten', { ...aanmelding(), opvulling: 'x'.repeat(2_000_000) });
    expect(groot.status).toBe(413);
  });

  it('onbekend traject: 404 problem+json', async () => {
    for (const id of [randomUUID(), 'geen-uuid']) {
      const res = await get(`/api/v1/trajecten/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await json(res)).title).toBe('Niet gevonden');
    }
  });

  it('een te laat PIP: de workflow vuurt meteen en de echte activiteit zet de taak in Postgres', async () => {
    const laat = addWeeks(vandaag, -11);
    const res = await post('/api/v1/trajecten', aanmelding({ kennisgevingsdatum: laat }));
    expect(res.status).toBe(201);
    const { id, workflowId } = await json(res);
    const taken = await eventually(async () => {
      const rows = await system.dataSource.query(
        'SELECT soort, actie, status, vervaldatum, gemeente FROM taak WHERE traject_id = $1 ORDER BY vervaldatum',
        [id],
      );
      return rows.some((r: { soort: string }) => r.soort === 'pip-overschreden') ? rows : undefined;
    });
    expect(taken).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          soort: 'pip-overschreden',
          actie: 'escalatie',
          status: 'open',
          gemeente: 'GM0518',
        }),
      ]),
    );
    const detail = await json(await get(`/api/v1/trajecten/${id}`));
    expect(detail.status.openTaken.map((t: { soort: string }) => t.soort)).toContain('pip-overschreden');

    // Figure for the issue note: workflow task latency on the dev server (started -> completed).
    const history = await system.client.workflow.getHandle(workflowId).fetchHistory();
    const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
      Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
    const duren: number[] = [];
    const events = history.events ?? [];
    events.forEach((e, i) => {
      if (e.workflowTaskCompletedEventAttributes && events[i - 1]?.workflowTaskStartedEventAttributes) {
        duren.push(ms(e.eventTime) - ms(events[i - 1].eventTime));
      }
    });
    duren.sort((a, b) => a - b);
    console.log(
      `meting: workflow-task latentie (dev server) n=${duren.length} p50=${duren[Math.floor(duren.length / 2)]?.toFixed(1)} ms max=${duren.at(-1)?.toFixed(1)} ms`,
    );
    expect(duren.length).toBeGreaterThan(0);
  });

  it('toegang: geen, verlopen of vervalst token 401; een andere gemeente ziet het traject niet (404) en mag er niet aanmelden (403)', async () => {
    const res = await post('/api/v1/trajecten', aanmelding());
    const { id } = await json(res);
    for (const authorization of [
      undefined,
      'Bearer kapot',
      `Bearer ${await verlopenToken({ rol: 'casemanager' })}`,
      `Bearer ${await testToken({ rol: 'casemanager' }, { auth: vreemdeSleutel() })}`,
    ]) {
      const r = await get(`/api/v1/trajecten/${id}`, authorization ? { authorization } : {});
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    const ander = await bearer({ rol: 'casemanager', gemeente: 'GM0363' });
    const vreemd = await get(`/api/v1/trajecten/${id}`, ander);
    expect(vreemd.status).toBe(404);
    expect((await json(vreemd)).code).toBe('TRAJECT_ONBEKEND');

    const body = aanmelding({ gemeente: 'GM0363' });
    const verboden = await post('/api/v1/trajecten', body);
    expect(verboden.status).toBe(403);
    expect(await workflowBestaat(`traject-${trajectIdVoor('GM0363', body.commandId)}`)).toBe(false);
  });

  it('elk aangenomen of afgewezen commando staat in audit_event', async () => {
    const body = aanmelding();
    const res = await post('/api/v1/trajecten', body);
    const { id } = await json(res);
    const afgewezen = aanmelding({ kennisgevingsdatum: addDays(vandaag, 10) });
    await post('/api/v1/trajecten', afgewezen);
    // The accepted aanmelding is audited by its workflow (issue 13), so it may land a moment later.
    const rows = await eventually(async () => {
      const r = await system.dataSource.query(
        'SELECT actor, rol, gemeente, actie, traject_id, command_id, uitkomst, code, bron FROM audit_event WHERE command_id = ANY($1) ORDER BY uitkomst DESC',
        [[`ui:${body.commandId}`, `ui:${afgewezen.commandId}`]],
      );
      return r.length === 2 ? r : undefined;
    });
    expect(rows).toEqual([
      expect.objectContaining({
        actor: 'cm-e2e',
        rol: 'casemanager',
        gemeente: 'GM0518',
        actie: 'aanmelden',
        traject_id: id,
        uitkomst: 'geaccepteerd',
        bron: 'workflow',
      }),
      expect.objectContaining({
        actie: 'aanmelden',
        uitkomst: 'afgewezen',
        code: 'DATUM_IN_TOEKOMST',
        bron: 'api',
      }),
    ]);
  });

  it('health en OpenAPI-documentatie', async () => {
    const health = await fetch(`${system.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await json(health)).toEqual({ status: 'ok', postgres: 'ok', temporal: 'ok', worker: 'ok' });
    const docs = await fetch(`${system.baseUrl}/api/docs/openapi.json`);
    expect(docs.status).toBe(200);
    const spec = await json(docs);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/trajecten',
        '/api/v1/trajecten/{id}',
        '/api/v1/trajecten/{id}/tijdlijn',
        '/api/v1/taken',
        '/api/v1/feeds/duo/examenresultaten',
        '/api/v1/feeds/duo/besluiten',
        '/api/v1/operations/workflows',
        '/api/v1/operations/trajecten/{id}/geschiedenis',
        '/metrics',
      ]),
    );
    // One path per command, each with the schema that validates it.
    const pip = spec.paths['/api/v1/trajecten/{id}/pip'].post;
    const schema = pip.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['dagtekening', 'leerroute']));
    expect(schema.additionalProperties).toBe(false);
    expect(pip.responses['422'].content['application/problem+json']).toBeDefined();
    expect(spec.paths['/api/v1/trajecten/{id}/{commando}']).toBeUndefined();
    expect(
      Object.keys(spec.paths).filter((p) => p.startsWith('/api/v1/trajecten/{id}/')).length,
    ).toBeGreaterThan(20);
  });
});
