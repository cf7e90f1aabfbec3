import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { ESCALATIE_RONDE_WORKFLOW_TYPE, type EscalatieRondeResultaat } from '../../contract/escalatie-ronde';
import { trajectWorkflowId } from '../../contract/ids';
import { statusQuery } from '../../contract/traject-workflow';
import { addDays, addYears, datumVanInstant } from '../../domain/shared/kalender';
import { loadConfig } from '../../platform/config';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(240_000);

/**
 * Issue 11 end to end, over HTTP against the real stack: the register, encrypted payloads, the codec
 * endpoint, the processing log, consent for health data, crypto-shredding, and no personal data in
 * any log line or raw history of the run.
 */
const GEMEENTE = 'GM0599';
const vandaag = datumVanInstant(Date.now());

/** A random BSN that passes the elfproef (a test person, nobody real). */
function testBsn(): string {
  for (;;) {
    const d = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
    if (d[0] === 0) continue;
    const som = d.reduce((s, c, i) => s + c * (9 - i), 0);
    const laatste = som % 11;
    if (laatste < 10) return [...d, laatste].join('');
  }
}

const PERSOON = {
  bsn: testBsn(),
  voornamen: 'Amina Noor',
  achternaam: 'Yusuf-Testpersoon',
  geboortedatum: '1991-03-14',
  telefoon: '+31 10 123 4567',
  email: 'amina.test@example.org',
  taal: 'ar',
  kinderen: [{ voornamen: 'Samiertje', geboortedatum: '2012-05-06' }],
};
const SAMENVATTING = 'Oefent dagelijks Nederlands met de buurvrouw Wilhelmina';
const AFSPRAAK = 'Volgende maand naar het taalcafe in de Boekenbuurt';
const GEHEIM = [
  PERSOON.bsn,
  'Amina',
  'Yusuf-Testpersoon',
  '1991-03-14',
  '123 4567',
  'amina.test',
  'Samiertje',
  '2012-05-06',
  SAMENVATTING,
  AFSPRAAK,
  'Wilhelmina',
];

let system: RunningSystem;
let cm: { authorization: string };
let tl: { authorization: string };
let ander: { authorization: string };
let ops: { authorization: string };
let privacy: { authorization: string };
let feed: { authorization: string };
const logregels: string[] = [];
const herstel: (() => void)[] = [];

beforeAll(async () => {
  // Every line this process writes (API, worker, SDK) is kept, to be searched for personal data.
  for (const stroom of [process.stdout, process.stderr]) {
    const schrijf = stroom.write.bind(stroom);
    stroom.write = ((chunk: unknown, ...rest: unknown[]) => {
      logregels.push(String(chunk));
      return (schrijf as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stroom.write;
    herstel.push(() => {
      stroom.write = schrijf;
    });
  }
  process.env.LOG_LEVEL = 'debug';
  system = await startSystem();
  cm = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-persoon' });
  tl = await bearer({ rol: 'teamleider', gemeente: GEMEENTE, sub: 'tl-persoon' });
  ander = await bearer({ rol: 'casemanager', gemeente: 'GM0363', sub: 'cm-elders' });
  ops = await bearer({ rol: 'operations', gemeente: '*', sub: 'ops-persoon' });
  privacy = await bearer({ rol: 'privacy', gemeente: GEMEENTE, sub: 'fg-persoon' });
  feed = await bearer({ rol: 'feed', gemeente: GEMEENTE, sub: 'duo-persoon' });
});
afterAll(async () => {
  process.env.LOG_LEVEL = 'warn';
  await system?.stop();
  for (const h of herstel) h();
});

const url = (pad: string) => `${system.baseUrl}${pad}`;
const post = (pad: string, body: unknown, headers: Record<string, string>) =>
  fetch(url(pad), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const get = (pad: string, headers: Record<string, string>) => fetch(url(pad), { headers });

async function aanmelden(persoon: unknown, commandId = `persoon-${randomUUID()}`) {
  return post(
    '/api/v1/trajecten',
    {
      commandId,
      gemeente: GEMEENTE,
      doelgroep: 'asielstatushouder',
      kennisgevingsdatum: addDays(vandaag, -20),
      inburgeraar: persoon,
    },
    cm,
  );
}

async function commando(id: string, route: string, body: Record<string, unknown>, wie = cm) {
  return post(`/api/v1/trajecten/${id}/${route}`, { commandId: `c-${randomUUID()}`, ...body }, wie);
}

/** One step of a journey: its failure names the step. */
async function stap(naam: string, f: () => Promise<void> | void): Promise<void> {
  try {
    await f();
  } catch (err) {
    if (err instanceof Error) err.message = `stap '${naam}': ${err.message}`;
    throw err;
  }
}

describe('de inburgeraar en de bescherming van persoonsgegevens', () => {
  let trajectId: string;
  let inburgeraarId: string;
  const commandId = `persoon-${randomUUID()}`;

  // The steps build on each other (one person from aanmelding to the destruction of a second one's
  // data; the privacy officer's log holds what the earlier steps did): one test, so no order of
  // tests (`--randomize`) can break it; a failure names its step.
  it('de reis van één persoon: aanmelden, inzien, corrigeren, zoeken, bijzondere gegevens, DUO, Temporal, codec, verwerkingen, bewaartermijn, logregels', async () => {
    await stap('aanmelding met de persoon: één traject, de regels krijgen alleen de data', async () => {
      const res = await aanmelden(PERSOON, commandId);
      expect(res.status).toBe(201);
      const body = await json(res);
      trajectId = body.id;
      inburgeraarId = body.inburgeraar.id;
      expect(body.inburgeraar.naam).toBe('Amina Noor Yusuf-Testpersoon');
      expect(body.status.state.geboortedatum).toBe('1991-03-14');
      expect(body.status.state.kinderen).toEqual([
        { kindId: expect.stringMatching(/^[0-9a-f-]{36}$/), geboortedatum: '2012-05-06' },
      ]);
      // The rulebook's state holds no name or BSN.
      expect(JSON.stringify(body.status.state)).not.toContain(PERSOON.bsn);
      expect(JSON.stringify(body.status.state)).not.toContain('Amina');

      const opnieuw = await aanmelden(PERSOON, commandId);
      expect(opnieuw.status).toBe(200);
      expect((await json(opnieuw)).id).toBe(trajectId);

      const tweede = await aanmelden({ ...PERSOON, voornamen: 'Anders' });
      expect(tweede.status).toBe(409);
      const fout = await json(tweede);
      expect(fout.code).toBe('TRAJECT_BESTAAT_AL');
      expect(JSON.stringify(fout)).not.toContain(PERSOON.bsn);
      const [{ n }] = await system.dataSource.query(
        'SELECT count(*)::int AS n FROM traject_persoon WHERE inburgeraar_id = $1',
        [inburgeraarId],
      );
      expect(n).toBe(1);
    });

    await stap('in Postgres staat alles versleuteld; de BSN alleen als blinde index', async () => {
      const [rij] = await system.dataSource.query('SELECT * FROM inburgeraar WHERE id = $1', [inburgeraarId]);
      const tekst = JSON.stringify(rij);
      for (const g of GEHEIM.slice(0, 8)) expect(tekst).not.toContain(g);
      expect(rij.bsn).toMatch(new RegExp(`^p:${inburgeraarId}\\|`));
      expect(rij.bsn_index).toMatch(/^[0-9a-f]{64}$/);
    });

    await stap(
      'inzien: de casemanager en teamleider van de gemeente; een andere gemeente of operations niet',
      async () => {
        const res = await get(`/api/v1/inburgeraars/${inburgeraarId}`, cm);
        expect(res.status).toBe(200);
        expect(await json(res)).toMatchObject({
          id: inburgeraarId,
          bsn: PERSOON.bsn,
          voornamen: 'Amina Noor',
          geboortedatum: '1991-03-14',
          trajecten: [{ trajectId, gemeente: GEMEENTE }],
        });
        expect((await get(`/api/v1/inburgeraars/${inburgeraarId}`, tl)).status).toBe(200);
        expect((await get(`/api/v1/inburgeraars/${inburgeraarId}`, ander)).status).toBe(404);
        expect((await get(`/api/v1/inburgeraars/${inburgeraarId}`, ops)).status).toBe(403);
      },
    );

    await stap('de lijst toont de naam aan wie het mag zien; operations opent geen dossier', async () => {
      const lijst = await json(await get('/api/v1/trajecten?limiet=200', cm));
      expect(lijst.items.find((i: Json) => i.id === trajectId)?.naam).toBe('Amina Noor Yusuf-Testpersoon');
      const detail = await json(await get(`/api/v1/trajecten/${trajectId}`, cm));
      expect(detail.inburgeraar).toEqual({ id: inburgeraarId, naam: 'Amina Noor Yusuf-Testpersoon' });
      expect((await get(`/api/v1/trajecten/${trajectId}`, ops)).status).toBe(403);
    });

    await stap('corrigeren: oude en nieuwe waarde versleuteld bewaard, geaudit', async () => {
      const res = await fetch(url(`/api/v1/inburgeraars/${inburgeraarId}`), {
        method: 'PATCH',
        headers: { ...cm, 'content-type': 'application/json' },
        body: JSON.stringify({ telefoon: '+31 10 765 4321' }),
      });
      expect(res.status).toBe(200);
      expect((await json(res)).telefoon).toBe('+31 10 765 4321');
      const wijzigingen = await system.dataSource.query(
        'SELECT veld, oud, nieuw FROM persoon_wijziging WHERE inburgeraar_id = $1',
        [inburgeraarId],
      );
      expect(wijzigingen).toEqual([
        { veld: 'telefoon', oud: expect.stringMatching(/^p:/), nieuw: expect.stringMatching(/^p:/) },
      ]);
      expect(JSON.stringify(wijzigingen)).not.toMatch(/123 4567|765 4321/);
      const [{ n }] = await system.dataSource.query(
        "SELECT count(*)::int AS n FROM audit_event WHERE actie = 'inburgeraarCorrigeren' AND actor = 'cm-persoon'",
      );
      expect(n).toBe(1);
      const ongeldig = await fetch(url(`/api/v1/inburgeraars/${inburgeraarId}`), {
        method: 'PATCH',
        headers: { ...cm, 'content-type': 'application/json' },
        body: JSON.stringify({ bsn: '111222333' }),
      });
      expect(ongeldig.status).toBe(400);
    });

    await stap('zoeken op BSN (in de body): gevonden in de eigen gemeente, niets daarbuiten', async () => {
      const res = await post('/api/v1/inburgeraars/zoeken', { bsn: PERSOON.bsn }, cm);
      expect(res.status).toBe(200);
      expect((await json(res)).map((p: Json) => p.id)).toEqual([inburgeraarId]);
      expect(await json(await post('/api/v1/inburgeraars/zoeken', { bsn: PERSOON.bsn }, ander))).toEqual([]);
      const fout = await post('/api/v1/inburgeraars/zoeken', { bsn: '123456789' }, cm);
      expect(fout.status).toBe(400);
      expect(await fout.text()).not.toContain('123456789');
    });

    await stap(
      'gezondheidsgegevens alleen met toestemming, en alleen voor de eigen casemanager zichtbaar',
      async () => {
        expect((await commando(trajectId, 'casemanager', { casemanager: 'cm-persoon' }, tl)).status).toBe(
          200,
        );
        const zonder = await commando(trajectId, 'intake', {
          datum: addDays(vandaag, -5),
          belemmeringen: ['gezondheid'],
        });
        expect(zonder.status).toBe(422);
        expect((await json(zonder)).code).toBe('TOESTEMMING_ONTBREEKT');
        const met = await commando(trajectId, 'intake', {
          datum: addDays(vandaag, -5),
          belemmeringen: ['gezondheid', 'kinderopvang'],
          toestemmingBijzondereGegevens: true,
        });
        expect(met.status).toBe(200);
        const eigen = await json(await get(`/api/v1/trajecten/${trajectId}`, cm));
        expect(eigen.status.state.intake.belemmeringen).toEqual(['gezondheid', 'kinderopvang']);
        const teamleider = await json(await get(`/api/v1/trajecten/${trajectId}`, tl));
        expect(teamleider.status.state.intake.belemmeringen).toEqual(['kinderopvang']);
        // Now that the traject has its casemanager, a colleague sees the row, not the name.
        const collega = await bearer({ rol: 'casemanager', gemeente: GEMEENTE, sub: 'cm-collega' });
        const lijst = await json(await get('/api/v1/trajecten?limiet=200&casemanager=cm-persoon', collega));
        expect(lijst.items.find((i: Json) => i.id === trajectId)).toMatchObject({
          naam: null,
          inburgeraarId: null,
        });
        expect((await get(`/api/v1/inburgeraars/${inburgeraarId}`, collega)).status).toBe(404);
      },
    );

    await stap('DUO levert op BSN: het resultaat komt bij het open traject van die persoon', async () => {
      expect(
        (await commando(trajectId, 'pip', { dagtekening: addDays(vandaag, -4), leerroute: 'b1' })).status,
      ).toBe(200);
      expect(
        (
          await commando(trajectId, 'voortgangsgesprekken', {
            datum: addDays(vandaag, -1),
            samenvatting: SAMENVATTING,
            afspraken: [AFSPRAAK],
          })
        ).status,
      ).toBe(200);
      const res = await post(
        '/api/v1/feeds/duo/examenresultaten',
        { items: [{ bsn: PERSOON.bsn, component: 'knm', behaald: true, datum: addDays(vandaag, -1) }] },
        feed,
      );
      expect(res.status).toBe(200);
      const antwoord = await json(res);
      expect(antwoord.resultaten).toMatchObject([{ uitkomst: 'afgeleverd', trajectId }]);
      expect(JSON.stringify(antwoord)).not.toContain(PERSOON.bsn);
      const onbekend = await json(
        await post(
          '/api/v1/feeds/duo/examenresultaten',
          { items: [{ bsn: testBsn(), component: 'knm', behaald: true, datum: vandaag }] },
          feed,
        ),
      );
      expect(onbekend.resultaten[0].uitkomst).toBe('onbekend_traject');
      for (let i = 0; i < 50; i++) {
        const s = await json(await get(`/api/v1/trajecten/${trajectId}`, cm));
        if (s.status.state.examenresultaten.some((e: Json) => e.component === 'knm')) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('het examenresultaat kwam niet aan');
    });

    await stap(
      'de ruwe Temporal-geschiedenis toont zonder sleutel niets persoonlijks; met de codec wel',
      async () => {
        const zonderCodec = new Client({ connection: system.client.connection, namespace: 'default' });
        const history = await zonderCodec.workflow.getHandle(trajectWorkflowId(trajectId)).fetchHistory();
        const ruw = JSON.stringify(history);
        for (const g of GEHEIM) expect({ gevonden: ruw.includes(g), g }).toEqual({ gevonden: false, g });
        expect(ruw).toContain(Buffer.from('binary/encrypted').toString('base64'));
        const status = await system.client.workflow
          .getHandle(trajectWorkflowId(trajectId))
          .query(statusQuery);
        expect(status.state.geboortedatum).toBe('1991-03-14');
      },
    );

    await stap(
      'het codec-endpoint ontsleutelt voor operations (gelogd), weigert anderen, CORS alleen voor de Temporal UI',
      async () => {
        const history = await new Client({
          connection: system.client.connection,
          namespace: 'default',
        }).workflow
          .getHandle(trajectWorkflowId(trajectId))
          .fetchHistory();
        const start = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
        const payloads = start.map((p) => ({
          metadata: Object.fromEntries(
            Object.entries(p.metadata ?? {}).map(([k, v]) => [
              k,
              Buffer.from(v as Uint8Array).toString('base64'),
            ]),
          ),
          data: Buffer.from(p.data as Uint8Array).toString('base64'),
        }));
        const res = await post('/api/v1/codec/decode', { payloads }, ops);
        expect(res.status).toBe(200);
        const klaar = await json(res);
        expect(Buffer.from(klaar.payloads[0].data, 'base64').toString()).toContain('1991-03-14');
        expect((await post('/api/v1/codec/decode', { payloads }, cm)).status).toBe(403);
        // A payload may be any gemeente's: operations of one gemeente (or none) may not decrypt.
        for (const gemeente of ['GM0518', null]) {
          const smal = await bearer({ rol: 'operations', gemeente, sub: 'ops-smal' });
          const geweigerd = await post('/api/v1/codec/decode', { payloads }, smal);
          expect(geweigerd.status).toBe(403);
          expect((await json(geweigerd)).code).toBe('LANDELIJK_BEREIK_NODIG');
        }
        expect((await post('/api/v1/codec/decode', { payloads }, {})).status).toBe(401);

        const origin = loadConfig().privacy.codecCorsOrigin;
        const preflight = await fetch(url('/api/v1/codec/decode'), {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
        const vreemd = await fetch(url('/api/v1/codec/decode'), {
          method: 'OPTIONS',
          headers: { origin: 'https://kwaadwillend.example', 'access-control-request-method': 'POST' },
        });
        expect(vreemd.headers.get('access-control-allow-origin')).toBeNull();

        // The operations history view decrypts the command payloads too (showing ids only): logged as well.
        const geschiedenis = await get(`/api/v1/operations/trajecten/${trajectId}/geschiedenis`, ops);
        expect(geschiedenis.status).toBe(200);
        expect(JSON.stringify(await json(geschiedenis))).not.toContain('1991-03-14');
        const [{ n: ontsleuteld }] = await system.dataSource.query(
          "SELECT count(*)::int AS n FROM verwerking WHERE inburgeraar_id = $1 AND actie_naam = 'geschiedenis ontsleutelen'",
          [inburgeraarId],
        );
        expect(ontsleuteld).toBe(1);

        // The Temporal UI cannot send a bearer token: the operations session cookie works on the codec only.
        const sessie = await post('/api/v1/codec/sessie', {}, ops);
        expect(sessie.status).toBe(204);
        const cookie = (sessie.headers.get('set-cookie') ?? '').split(';')[0];
        expect(cookie).toMatch(/^inburgering_codec=/);
        expect((await post('/api/v1/codec/decode', { payloads }, { cookie })).status).toBe(200);
        expect((await get('/api/v1/operations/workflows', { cookie })).status).toBe(401);
      },
    );

    await stap('de privacyfunctionaris ziet elke verwerking van deze persoon; anderen niet', async () => {
      const res = await get(`/api/v1/verwerkingen?inburgeraar=${inburgeraarId}&limiet=500`, privacy);
      expect(res.status).toBe(200);
      const rijen = (await json(res)).items as Json[];
      const acties = new Set(rijen.map((r) => r.actieNaam));
      for (const a of [
        'inburgeraar registreren',
        'inburgeraar inzien',
        'lijst met namen',
        'inburgeraar corrigeren',
        'inburgeraar zoeken op bsn',
        'duo-levering op bsn',
      ]) {
        expect(acties).toContain(a);
      }
      expect(
        rijen.find((r) => r.actieNaam === 'inburgeraar inzien' && r.rol === 'casemanager'),
      ).toMatchObject({
        gebruiker: 'cm-persoon',
        rol: 'casemanager',
        uitvoerder: GEMEENTE,
        handeling: 'lezen',
        grondslag: expect.stringContaining('AVG'),
        requestId: expect.any(String),
      });
      // National operations decoded it: that is in the log too (uitvoerder: none, so not the gemeente's FG's rows).
      const [{ n }] = await system.dataSource.query(
        "SELECT count(*)::int AS n FROM verwerking WHERE inburgeraar_id = $1 AND handeling = 'ontsleutelen'",
        [inburgeraarId],
      );
      expect(n).toBeGreaterThanOrEqual(2);
      expect((await get(`/api/v1/verwerkingen?inburgeraar=${inburgeraarId}`, cm)).status).toBe(403);
      await expect(system.dataSource.query('DELETE FROM verwerking')).rejects.toThrow(/alleen-toevoegen/);
    });

    await stap(
      'na de bewaartermijn vernietigt de nachtelijke ronde de sleutel: alles van die persoon is onleesbaar, de cijfers blijven',
      async () => {
        const res = await aanmelden({ ...PERSOON, bsn: testBsn(), voornamen: 'Amina Tweede' });
        expect(res.status).toBe(201);
        const { id, inburgeraar } = await json(res);
        expect((await commando(id, 'beeindiging', { datum: vandaag, reden: 'vertrokken' })).status).toBe(200);
        // Wait for the read model to record the close (the retention is counted from it).
        for (let i = 0; i < 100; i++) {
          const [rij] = await system.dataSource.query('SELECT afgesloten FROM traject WHERE id = $1', [id]);
          if (rij?.afgesloten) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        const voor = await get(`/api/v1/inburgeraars/${inburgeraar.id}`, tl);
        expect(voor.status).toBe(200);

        const ronde = await system.client.workflow.execute(ESCALATIE_RONDE_WORKFLOW_TYPE, {
          workflowId: `bewaartermijn-test-${randomUUID()}`,
          taskQueue: system.taskQueue,
          args: [{ peildatum: addYears(vandaag, 11) }],
        });
        expect((ronde as EscalatieRondeResultaat).vernietigd).toBeGreaterThanOrEqual(1);

        const na = await get(`/api/v1/inburgeraars/${inburgeraar.id}`, tl);
        expect(na.status).toBe(410);
        expect((await json(na)).code).toBe('GEGEVENS_VERNIETIGD');
        // The first person's traject is open: untouched.
        expect((await get(`/api/v1/inburgeraars/${inburgeraarId}`, tl)).status).toBe(200);
        // The anonymous facts stay: reports still count the closed traject.
        const overzicht = await json(await get('/api/v1/rapportage/overzicht', tl));
        expect(overzicht.gemeenten[0].perFase.beeindigd).toBeGreaterThanOrEqual(1);
        const [{ n }] = await system.dataSource.query(
          "SELECT count(*)::int AS n FROM verwerking WHERE inburgeraar_id = $1 AND handeling = 'vernietigen'",
          [inburgeraar.id],
        );
        expect(n).toBe(1);
      },
    );

    await stap(
      'geen BSN, naam, geboortedatum, contact of notitie in de logregels van deze hele run',
      async () => {
        const alles = logregels.join('');
        expect(alles.length).toBeGreaterThan(1000);
        for (const g of GEHEIM) expect({ gevonden: alles.includes(g), g }).toEqual({ gevonden: false, g });
      },
    );
  });
});
