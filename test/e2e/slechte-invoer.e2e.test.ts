import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { COMMANDO_ROUTES } from '../../api/trajecten/commandos.dto';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(180_000);

let system: RunningSystem;
let cm: { authorization: string };
const vandaag = datumVanInstant(Date.now());

beforeAll(async () => {
  system = await startSystem();
  cm = await bearer({ rol: 'casemanager', gemeente: 'GM0518', sub: 'cm-invoer' });
});
afterAll(async () => {
  await system?.stop();
});

const send = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${system.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...cm, ...headers },
    body,
  });

async function traject(): Promise<string> {
  const res = await send(
    '/api/v1/trajecten',
    JSON.stringify({
      commandId: randomUUID(),
      gemeente: 'GM0518',
      doelgroep: 'asielstatushouder',
      kennisgevingsdatum: addDays(vandaag, -30),
    }),
  );
  expect(res.status).toBe(201);
  const { id } = await json(res);
  const intake = await send(
    `/api/v1/trajecten/${id}/intake`,
    JSON.stringify({ commandId: randomUUID(), datum: vandaag }),
  );
  expect(intake.status).toBe(200);
  return id;
}

/** Everything a bad request must leave alone: workflow history, read model, tasks, workflow state. */
async function momentopname(id: string) {
  for (let i = 0; i < 50; i += 1) {
    const [rij] = await system.dataSource.query('SELECT versie FROM traject WHERE id = $1', [id]);
    const detail = await json(await fetch(`${system.baseUrl}/api/v1/trajecten/${id}`, { headers: cm }));
    // Wait until the read model caught up with the workflow, so later changes are ours to see.
    if (rij && rij.versie === detail.status.versie) {
      const { historyLength } = await system.client.workflow.getHandle(`traject-${id}`).describe();
      const [{ n }] = await system.dataSource.query(
        'SELECT count(*)::int AS n FROM taak WHERE traject_id = $1',
        [id],
      );
      return { historyLength, leesmodelVersie: rij.versie, workflowVersie: detail.status.versie, taken: n };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('leesmodel liep niet bij');
}

describe('slechte invoer: een duidelijke 4xx in het Nederlands, en niets verandert', () => {
  it('elke klasse apart, met de workflowgeschiedenis en de database ongemoeid', async () => {
    const id = await traject();
    const voor = await momentopname(id);
    const pad = (commando: string) => `/api/v1/trajecten/${id}/${commando}`;
    const cmd = (body: Record<string, unknown>) => JSON.stringify({ commandId: randomUUID(), ...body });

    const gevallen: {
      naam: string;
      res: () => Promise<Response>;
      status: number;
      code: string;
      veld?: string;
    }[] = [
      {
        naam: 'onbekend veld',
        res: () => send(pad('pip'), cmd({ dagtekening: vandaag, leerroute: 'b1', bsn: '123456789' })),
        status: 400,
        code: 'VALIDATIE',
        veld: 'bsn',
      },
      {
        naam: 'verkeerd type',
        res: () => send(pad('uren'), cmd({ soort: 'taal', uren: 'vier', datum: vandaag })),
        status: 400,
        code: 'VALIDATIE',
        veld: 'uren',
      },
      {
        naam: 'onmogelijke datum',
        res: () => send(pad('pip'), cmd({ dagtekening: '2025-02-30', leerroute: 'b1' })),
        status: 400,
        code: 'VALIDATIE',
        veld: 'dagtekening',
      },
      {
        naam: 'datum in de toekomst waar de wet een verleden datum vraagt',
        res: () => send(pad('pip'), cmd({ dagtekening: addDays(vandaag, 30), leerroute: 'b1' })),
        status: 422,
        code: 'DATUM_IN_TOEKOMST',
      },
      {
        naam: 'bedrag boven het wettelijk maximum',
        res: () =>
          send(pad('boetes'), cmd({ bedrag: 5000, reden: 'niet_verschenen_intake', datum: vandaag })),
        status: 422,
        code: 'BOETE_TE_HOOG',
      },
      {
        naam: 'te grote body',
        res: () => send(pad('intake'), cmd({ datum: vandaag, belemmeringen: ['x'.repeat(2_000_000)] })),
        status: 413,
        code: 'BODY_TE_GROOT',
      },
      {
        naam: 'kapotte JSON',
        res: () => send(pad('intake'), '{"datum": '),
        status: 400,
        code: 'JSON_ONGELDIG',
      },
      {
        naam: 'ander mediatype',
        res: () => send(pad('intake'), cmd({ datum: vandaag }), { 'content-type': 'text/plain' }),
        status: 415,
        code: 'MEDIATYPE',
      },
      {
        naam: 'geen object',
        res: () => send(pad('intake'), JSON.stringify([{ datum: vandaag }])),
        status: 400,
        code: 'BODY_ONGELDIG',
      },
      {
        naam: 'geen commandId',
        res: () => send(pad('aanbod'), JSON.stringify({ datum: vandaag })),
        status: 400,
        code: 'COMMAND_ID_ONTBREEKT',
      },
      {
        naam: 'onbekend commando',
        res: () => send(pad('promotie'), cmd({})),
        status: 404,
        code: 'COMMANDO_ONBEKEND',
      },
    ];
    for (const geval of gevallen) {
      const res = await geval.res();
      const body = await json(res);
      expect({ naam: geval.naam, status: res.status, code: body.code }).toEqual({
        naam: geval.naam,
        status: geval.status,
        code: geval.code,
      });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(body.title).toMatch(/^[A-Z][a-z]/);
      expect(body.detail).toEqual(expect.any(String));
      if (geval.veld) expect(body.fouten.map((f: Json) => f.veld)).toContain(geval.veld);
      // The value that was sent (a BSN here) is never echoed.
      expect(JSON.stringify(body)).not.toContain('123456789');
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await momentopname(id)).toEqual(voor);
  });

  it('eigenschap: willekeurige bodies op elk commando geven nooit een 5xx', async () => {
    const id = await traject();
    const routes = Object.entries(COMMANDO_ROUTES);
    let verzoeken = 0;
    const statussen = new Map<number, number>();
    for (const [route, { schema }] of routes) {
      const velden = Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape);
      // Known field names with random values (reaching deeper than a random object would), or anything at all.
      const body = fc.oneof(
        fc.dictionary(fc.constantFrom(...velden, 'extra'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
        fc.record(
          Object.fromEntries(
            velden.map((v) => [
              v,
              fc.oneof(
                fc.constantFrom(
                  vandaag,
                  '2025-02-30',
                  addDays(vandaag, 400),
                  'b1',
                  'taal',
                  'map',
                  true,
                  -1,
                  1e9,
                ),
                fc.jsonValue({ maxDepth: 1 }),
              ),
            ]),
          ),
          { requiredKeys: [] },
        ),
        fc.jsonValue({ maxDepth: 3 }),
      );
      await fc.assert(
        fc.asyncProperty(body, fc.boolean(), async (waarde, metCommandId) => {
          const inhoud =
            metCommandId && waarde !== null && typeof waarde === 'object' && !Array.isArray(waarde)
              ? { ...waarde, commandId: randomUUID() }
              : waarde;
          const res = await send(`/api/v1/trajecten/${id}/${route}`, JSON.stringify(inhoud));
          verzoeken += 1;
          statussen.set(res.status, (statussen.get(res.status) ?? 0) + 1);
          if (res.status >= 500) throw new Error(`${route}: ${res.status} ${await res.text()}`);
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toContain('application/problem+json');
          }
          await res.arrayBuffer().catch(() => undefined);
        }),
        { numRuns: 15 },
      );
    }
    console.log(
      `willekeurige bodies: ${verzoeken} verzoeken, statussen ${JSON.stringify(Object.fromEntries(statussen))}`,
    );
    expect(verzoeken).toBe(routes.length * 15);
    // The traject still answers after all that.
    expect((await fetch(`${system.baseUrl}/api/v1/trajecten/${id}`, { headers: cm })).status).toBe(200);
  });
});
