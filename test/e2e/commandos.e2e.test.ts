import { randomUUID } from 'node:crypto';
import { bronCommandId } from '../../api/common/beveiliging';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

let system: RunningSystem;
let casemanager: { authorization: string };
const vandaag = datumVanInstant(Date.now());

beforeAll(async () => {
  system = await startSystem();
  casemanager = await bearer({ rol: 'casemanager', gemeente: 'GM0518', sub: 'cm-commandos' });
});
afterAll(async () => {
  await system?.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = casemanager) =>
  fetch(`${system.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function nieuwTraject(doelgroep = 'asielstatushouder'): Promise<string> {
  const res = await post('/api/v1/trajecten', {
    commandId: randomUUID(),
    gemeente: 'GM0518',
    doelgroep,
    kennisgevingsdatum: addDays(vandaag, -20),
  });
  expect(res.status).toBe(201);
  return (await json(res)).id;
}

async function stuur(id: string, commando: string, body: Record<string, unknown>): Promise<Response> {
  return post(`/api/v1/trajecten/${id}/${commando}`, { commandId: randomUUID(), ...body });
}

async function versie(id: string): Promise<number> {
  const detail: Json = await json(
    await fetch(`${system.baseUrl}/api/v1/trajecten/${id}`, { headers: casemanager }),
  );
  return detail.status.versie;
}

describe('commando’s over HTTP → Temporal Update → antwoord', () => {
  it('het hele pad van een casemanager: intake, PIP, examens, PVT, MAP → voldaan', async () => {
    const id = await nieuwTraject();
    const stappen: [string, Record<string, unknown>][] = [
      ['intake', { datum: vandaag, geadviseerdeRoute: 'b1', tolkNodig: true }],
      ['pip', { dagtekening: vandaag, leerroute: 'b1', afspraken: ['taalles drie dagdelen'] }],
      ['aanbod', { datum: vandaag }],
      ['voortgangsgesprekken', { datum: vandaag, samenvatting: 'goed begonnen' }],
      ...(['lezen', 'luisteren', 'schrijven', 'spreken'] as const).map(
        (component): [string, Record<string, unknown>] => [
          'examenresultaten',
          { component, niveau: 'B1', behaald: true, datum: vandaag },
        ],
      ),
      ['examenresultaten', { component: 'knm', behaald: true, datum: vandaag }],
      ['onderdelen', { onderdeel: 'pvt', datum: vandaag }],
      ['onderdelen', { onderdeel: 'map', datum: vandaag }],
    ];
    let laatste: Json = {};
    for (const [commando, body] of stappen) {
      const res = await stuur(id, commando, body);
      expect(res.status).toBe(200);
      laatste = await json(res);
      expect(laatste.toegepast).toBe(true);
    }
    expect(laatste.status.state.fase).toBe('voldaan');
    expect(laatste.events.map((e: { type: string }) => e.type)).toContain('inburgeringsplichtVoldaan');

    const row = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const [r] = await system.dataSource.query('SELECT fase, afgesloten FROM traject WHERE id = $1', [id]);
        if (r?.afgesloten) return r;
        await new Promise((res) => setTimeout(res, 100));
      }
      return undefined;
    })();
    expect(row).toEqual({ fase: 'voldaan', afgesloten: true });
    // The facts the reports read: the day of the outcome and the exam standing per component.
    const [rapport] = await system.dataSource.query(
      'SELECT uitkomst_op, uitkomst_reden, examens, pip_vastgesteld_op FROM traject WHERE id = $1',
      [id],
    );
    expect(rapport).toMatchObject({
      uitkomst_op: vandaag,
      uitkomst_reden: null,
      pip_vastgesteld_op: vandaag,
    });
    expect(rapport.examens.lezen).toEqual({ pogingen: 1, behaald: true, behaaldOp: vandaag });
    expect(Object.keys(rapport.examens).sort()).toEqual([
      'knm',
      'lezen',
      'luisteren',
      'schrijven',
      'spreken',
    ]);
    // Every applied command (and the aanmelding) has exactly one audit row, written by the workflow.
    const geaccepteerd = async () =>
      (
        await system.dataSource.query(
          "SELECT count(*)::int AS n FROM audit_event WHERE traject_id = $1 AND uitkomst = 'geaccepteerd'",
          [id],
        )
      )[0].n as number;
    for (let i = 0; i < 100 && (await geaccepteerd()) < stappen.length + 1; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await geaccepteerd()).toBe(stappen.length + 1);

    // Closed: every further command is a 409, and changes nothing.
    const na = await stuur(id, 'uren', { soort: 'taal', uren: 4, datum: vandaag });
    expect(na.status).toBe(409);
    expect((await json(na)).code).toBe('AFGESLOTEN');
  });

  it('een regel of toestand die het niet toelaat: 409 of 422 met de domeincode, zonder iets te veranderen', async () => {
    const id = await nieuwTraject();
    const voor = await versie(id);
    const tevroeg = await stuur(id, 'pip', { dagtekening: vandaag, leerroute: 'b1' });
    expect(tevroeg.status).toBe(409);
    expect(tevroeg.headers.get('content-type')).toContain('application/problem+json');
    const p1 = await json(tevroeg);
    expect(p1).toMatchObject({ status: 409, code: 'PIP_VOOR_INTAKE' });
    expect(p1.detail).toMatch(/vóór de brede intake/);

    const teHoog = await stuur(id, 'boetes', {
      bedrag: 900,
      reden: 'niet_verschenen_intake',
      datum: vandaag,
    });
    expect(teHoog.status).toBe(422);
    expect((await json(teHoog)).code).toBe('BOETE_TE_HOOG');

    const toekomst = await stuur(id, 'intake', { datum: addDays(vandaag, 5) });
    expect(toekomst.status).toBe(422);
    expect((await json(toekomst)).code).toBe('DATUM_IN_TOEKOMST');

    for (const [commando, body] of [
      ['intake', { datum: '2025-02-30' }],
      ['intake', { datum: vandaag, bsn: '123456782' }],
      ['examenresultaten', { component: 'rekenen', behaald: true, datum: vandaag }],
      ['uren', { soort: 'taal', uren: 'veel', datum: vandaag }],
    ] as const) {
      const res = await stuur(id, commando, body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await json(res))).not.toContain('123456782');
    }
    expect((await stuur(id, 'toveren', {})).status).toBe(404);
    expect(await versie(id)).toBe(voor);
  });

  it('dezelfde commandId twee keer: één keer toegepast, hetzelfde antwoord', async () => {
    const id = await nieuwTraject();
    const commandId = randomUUID();
    const eerste = await post(`/api/v1/trajecten/${id}/intake`, { commandId, datum: vandaag });
    const tweede = await post(`/api/v1/trajecten/${id}/intake`, { commandId, datum: vandaag });
    expect(eerste.status).toBe(200);
    expect(tweede.status).toBe(200);
    const [a, b] = [await json(eerste), await json(tweede)];
    expect(b.status.versie).toBe(a.status.versie);
    expect(await versie(id)).toBe(a.status.versie);
  });

  it('een andere gemeente: 404, ook voor commando’s', async () => {
    const id = await nieuwTraject();
    const ander = await bearer({ rol: 'casemanager', gemeente: 'GM0363' });
    const res = await post(
      `/api/v1/trajecten/${id}/intake`,
      { commandId: randomUUID(), datum: vandaag },
      ander,
    );
    expect(res.status).toBe(404);
  });

  it('geen worker: 503 met Retry-After; het commando gaat niet verloren en wordt precies één keer toegepast, ook na opnieuw sturen', async () => {
    const id = await nieuwTraject();
    const voor = await versie(id);
    await system.stopWorker();
    try {
      const commandId = randomUUID();
      const res = await post(`/api/v1/trajecten/${id}/intake`, { commandId, datum: vandaag });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((await json(res)).code).toBe('WORKER_ONBEREIKBAAR');
      // Nothing is applied while no worker runs.
      expect(await aangenomenUpdates(id, commandId)).toBe(0);
      await system.startWorker();
      // The server keeps an Update it admitted and hands it to the workflow with its next workflow
      // task: the 503'd command can be applied late, without the resend. Force that task with a command
      // the rulebook always rejects (no history, no new versie); the first task after a worker change
      // can wait for the old worker's sticky queue (5 s).
      let proef = await stuur(id, 'boetes', { bedrag: 900, reden: 'niet_verschenen_intake', datum: vandaag });
      for (let poging = 0; poging < 5 && proef.status === 503; poging += 1) {
        proef = await stuur(id, 'boetes', { bedrag: 900, reden: 'niet_verschenen_intake', datum: vandaag });
      }
      expect(proef.status).toBe(422);
      const laat = await aangenomenUpdates(id, commandId);
      // At most once so far, and the versie says the same.
      expect(laat).toBeLessThanOrEqual(1);
      expect(await versie(id)).toBe(voor + laat);
      // As a client honouring Retry-After would: the first task after a worker change can wait for
      // the old worker's sticky queue to time out (5 s).
      let opnieuw = await post(`/api/v1/trajecten/${id}/intake`, { commandId, datum: vandaag });
      for (let poging = 0; poging < 5 && opnieuw.status === 503; poging += 1) {
        opnieuw = await post(`/api/v1/trajecten/${id}/intake`, { commandId, datum: vandaag });
      }
      expect(opnieuw.status).toBe(200);
      const na = await json(opnieuw);
      expect(na.status.versie).toBe(voor + 1);
      // Applied exactly once in all: a late delivery and the resend never both count.
      expect(await aangenomenUpdates(id, commandId)).toBe(1);
      expect(await versie(id)).toBe(voor + 1);
    } finally {
      await system.startWorker();
    }
  });
});

/**
 * How many times the traject's history accepted an Update for this command: the updateId is the
 * commandId with the server's source prefix (`ui:`, api/common/beveiliging.ts).
 */
async function aangenomenUpdates(id: string, commandId: string): Promise<number> {
  const { events } = await system.client.workflow.getHandle(`traject-${id}`).fetchHistory();
  const updateId = bronCommandId('ui', commandId);
  return (events ?? []).filter(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === updateId,
  ).length;
}
