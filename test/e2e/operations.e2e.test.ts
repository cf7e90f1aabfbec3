import { randomUUID } from 'node:crypto';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

let system: RunningSystem;
let cm: { authorization: string };
let ops: { authorization: string };
const vandaag = datumVanInstant(Date.now());
const GM = `GM6${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;

beforeAll(async () => {
  system = await startSystem();
  cm = await bearer({ rol: 'casemanager', gemeente: GM, sub: 'cm-ops' });
  // National operations: the scope must be explicit (issue 13).
  ops = await bearer({ rol: 'operations', gemeente: '*', sub: 'ops-1' });
});
afterAll(async () => {
  await system?.stop();
});

const get = (path: string, headers: Record<string, string> = ops) =>
  fetch(`${system.baseUrl}${path}`, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = cm) =>
  fetch(`${system.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function trajectMetIntake(): Promise<{ id: string; intakeCommandId: string }> {
  const res = await post('/api/v1/trajecten', {
    commandId: randomUUID(),
    gemeente: GM,
    doelgroep: 'asielstatushouder',
    kennisgevingsdatum: addDays(vandaag, -10),
  });
  expect(res.status).toBe(201);
  const { id } = await json(res);
  const intakeCommandId = `intake-${randomUUID()}`;
  expect(
    (await post(`/api/v1/trajecten/${id}/intake`, { commandId: intakeCommandId, datum: vandaag })).status,
  ).toBe(200);
  return { id, intakeCommandId };
}

describe('operations', () => {
  it('geschiedenis: leesbaar, met commando, commandId en wie; in pagina’s zonder gaten', async () => {
    const { id, intakeCommandId } = await trajectMetIntake();
    // Free text a casemanager could type, with a name and a (valid-looking) BSN in it: it travels in
    // the commands' payloads, so the history holds it and a careless decoder would show it.
    const BSN = '123456782';
    const NAAM = 'Fatima El Amrani';
    const vrijeTekst = `Gesprek met ${NAAM} (BSN ${BSN})`;
    expect(
      (
        await post(`/api/v1/trajecten/${id}/pip`, {
          commandId: randomUUID(),
          dagtekening: vandaag,
          leerroute: 'b1',
          afspraken: [vrijeTekst],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post(`/api/v1/trajecten/${id}/voortgangsgesprekken`, {
          commandId: randomUUID(),
          datum: vandaag,
          samenvatting: vrijeTekst,
          afspraken: [vrijeTekst],
        })
      ).status,
    ).toBe(200);
    // The workflow's own follow-up (the read-model write, the next timer) runs after the answer:
    // wait until the history shows them (through Temporal, via the route under test).
    let body: Json = {};
    for (let i = 0; i < 100; i += 1) {
      const res = await get(`/api/v1/operations/trajecten/${id}/geschiedenis`);
      expect(res.status).toBe(200);
      body = await json(res);
      const regels: Json[] = body.items;
      const timer = regels.some((r) => r.soort === 'TIMER_STARTED');
      const geschreven = regels.some(
        (r) => r.beschrijving === 'Activiteit schrijfTrajectReadModel lokaal uitgevoerd',
      );
      if (timer && geschreven) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // The text really is in the history (decoded as Temporal's own client decodes it): it could leak.
    const { events } = await system.client.workflow.getHandle(`traject-${id}`).fetchHistory();
    const argumenten = await Promise.all(
      (events ?? []).map((e) =>
        decodeArrayFromPayloads(
          system.client.options.loadedDataConverter,
          e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads,
        ),
      ),
    );
    expect(JSON.stringify(argumenten)).toContain(BSN);
    expect(JSON.stringify(argumenten)).toContain(NAAM);
    expect(body.workflowId).toBe(`traject-${id}`);
    expect(body.status).toBe('RUNNING');
    const items: Json[] = body.items;
    expect(items[0]).toMatchObject({ eventId: 1, soort: 'WORKFLOW_EXECUTION_STARTED' });
    expect(items[0].beschrijving).toMatch(/Traject gestart/);
    const intake = items.find((i) => i.details.commando === 'registreerIntake');
    expect(intake).toMatchObject({
      soort: 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
      beschrijving: 'Commando registreerIntake aangenomen door cm-ops',
      // The server puts the source in front of the commandId (issue 13).
      details: { commandId: `ui:${intakeCommandId}`, door: 'cm-ops' },
    });
    expect(items.some((i) => i.soort === 'TIMER_STARTED' && /gaat af op/.test(i.beschrijving))).toBe(true);
    expect(items.some((i) => i.beschrijving === 'Activiteit schrijfTrajectReadModel lokaal uitgevoerd')).toBe(
      true,
    );
    // Workflow-task plumbing only on request.
    expect(items.some((i) => i.soort.startsWith('WORKFLOW_TASK_'))).toBe(false);
    const alles = await json(await get(`/api/v1/operations/trajecten/${id}/geschiedenis?alles=true`));
    expect(alles.items.length).toBeGreaterThan(items.length);

    const gepagineerd: Json[] = [];
    let cursor: string | null = null;
    do {
      const pagina: Json = await json(
        await get(
          `/api/v1/operations/trajecten/${id}/geschiedenis?limiet=3${cursor ? `&cursor=${cursor}` : ''}`,
        ),
      );
      expect(pagina.items.length).toBeLessThanOrEqual(3);
      gepagineerd.push(...pagina.items);
      cursor = pagina.volgende;
    } while (cursor);
    // The history may have grown meanwhile (an activity finishing): the same start, no gaps, no repeats.
    const ids = gepagineerd.map((i) => i.eventId);
    expect(ids.slice(0, items.length)).toEqual(items.map((i) => i.eventId));
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));

    // No personal data in the entries: ids, codes, dates.
    expect(JSON.stringify(body)).not.toMatch(/\b\d{9}\b/);
    for (const weergave of [body, alles, gepagineerd]) {
      const tekst = JSON.stringify(weergave);
      expect(tekst).not.toContain(BSN);
      expect(tekst).not.toContain(NAAM);
      expect(tekst).not.toMatch(/\b\d{9}\b/);
    }
  });

  it('alleen voor operations; een onbekend of ongeldig traject is 404; slechte parameters 400', async () => {
    const { id } = await trajectMetIntake();
    expect((await get(`/api/v1/operations/trajecten/${id}/geschiedenis`, cm)).status).toBe(403);
    expect((await get('/api/v1/operations/workflows', cm)).status).toBe(403);
    expect((await get(`/api/v1/operations/trajecten/${randomUUID()}/geschiedenis`)).status).toBe(404);
    expect((await get('/api/v1/operations/trajecten/abc/geschiedenis')).status).toBe(404);
    // Operations bound to one gemeente does not see another's.
    const opsElders = await bearer({ rol: 'operations', gemeente: 'GM0001' });
    expect((await get(`/api/v1/operations/trajecten/${id}/geschiedenis`, opsElders)).status).toBe(404);
    for (const q of ['?status=Bezig', "?gemeente=GM0518' OR 1=1", '?limiet=0', '?query=x']) {
      const res = await get(`/api/v1/operations/workflows${q}`);
      expect(res.status).toBe(400);
    }
    expect((await get(`/api/v1/operations/trajecten/${id}/geschiedenis?cursor=x`)).status).toBe(400);
  });

  it('workflows: visibility op de zoekattributen (gemeente, fase, status)', async () => {
    const { id } = await trajectMetIntake();
    let gevonden: Json | undefined;
    for (let i = 0; i < 50 && !gevonden; i += 1) {
      const res = await get(
        `/api/v1/operations/workflows?gemeente=${GM}&fase=intake_afgerond&status=Running`,
      );
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.query).toContain(`Gemeente = '${GM}'`);
      gevonden = body.items.find((w: Json) => w.workflowId === `traject-${id}`);
      if (!gevonden) await new Promise((r) => setTimeout(r, 200));
    }
    expect(gevonden).toMatchObject({
      type: 'trajectWorkflow',
      status: 'RUNNING',
      gemeente: GM,
      fase: 'intake_afgerond',
      doelgroep: 'asielstatushouder',
    });
    expect(gevonden?.volgendeDeadline).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const anders = await json(await get('/api/v1/operations/workflows?gemeente=GM0001&fase=intake_afgerond'));
    expect(anders.items.find((w: Json) => w.workflowId === `traject-${id}`)).toBeUndefined();
    // Pages: limiet 1 gives a cursor that continues.
    const eerste = await json(await get(`/api/v1/operations/workflows?gemeente=${GM}&limiet=1`));
    expect(eerste.items).toHaveLength(1);
    expect(eerste.volgende).toEqual(expect.any(String));
    const tweede = await json(
      await get(`/api/v1/operations/workflows?gemeente=${GM}&limiet=1&cursor=${eerste.volgende}`),
    );
    expect(tweede.items[0]?.workflowId).not.toBe(eerste.items[0].workflowId);
    // A cursor that is not one of ours (schemathesis sent 'Viedk': Temporal's refusal became a 503) is a 400.
    for (const vreemd of [
      'Viedk',
      `${eerste.volgende.slice(0, -1)}${eerste.volgende.endsWith('0') ? '1' : '0'}`,
    ]) {
      const res = await get(`/api/v1/operations/workflows?gemeente=${GM}&limiet=1&cursor=${vreemd}`);
      expect(res.status).toBe(400);
      expect((await json(res)).code).toBe('CURSOR_ONGELDIG');
    }
  });

  it('/metrics: Prometheus-tekst met verzoekduur per route, commando-uitkomsten en Temporal-fouten', async () => {
    const { id } = await trajectMetIntake();
    await post(`/api/v1/trajecten/${id}/pip`, {
      commandId: randomUUID(),
      dagtekening: vandaag,
      leerroute: 'x',
    });
    await post(`/api/v1/trajecten/${id}/onderdelen`, {
      commandId: randomUUID(),
      onderdeel: 'map',
      datum: vandaag,
    });
    await get(`/api/v1/trajecten/${randomUUID()}`, cm);

    expect((await get('/metrics', cm)).status).toBe(403);
    expect((await fetch(`${system.baseUrl}/metrics`)).status).toBe(401);
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const tekst = await res.text();
    expect(tekst).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/trajecten\/:id\/:commando",status="200"\} [1-9]/,
    );
    expect(tekst).toMatch(/http_request_duration_seconds_count\{[^}]*status="400"\} [1-9]/);
    expect(tekst).toMatch(
      /inburgering_commandos_totaal\{actie="registreerIntake",uitkomst="geaccepteerd",code=""\} [1-9]/,
    );
    expect(tekst).toMatch(
      /inburgering_commandos_totaal\{actie="registreerOnderdeel",uitkomst="afgewezen",code="[A-Z_]+"\} [1-9]/,
    );
    expect(tekst).toMatch(
      /inburgering_temporal_client_fouten_totaal\{operatie="query",soort="niet_gevonden"\} [1-9]/,
    );
    // The Update's share of a command's time: accepted ones and the one the rules refused, apart.
    expect(tekst).toMatch(
      /inburgering_temporal_update_duur_seconden_count\{actie="registreerIntake",afloop="geaccepteerd"\} [1-9]/,
    );
    expect(tekst).toMatch(
      /inburgering_temporal_update_duur_seconden_count\{actie="registreerOnderdeel",afloop="afgewezen"\} [1-9]/,
    );
    const som = Number(
      /inburgering_temporal_update_duur_seconden_sum\{actie="registreerIntake",afloop="geaccepteerd"\} (\S+)/.exec(
        tekst,
      )?.[1],
    );
    expect(som).toBeGreaterThan(0);
    expect(som).toBeLessThan(30);
    expect(tekst).toContain('process_resident_memory_bytes');
    // Routes, never ids, in the labels.
    expect(tekst).not.toContain(id);
  });
});
