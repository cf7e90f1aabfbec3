import { randomUUID } from 'node:crypto';
import { bearer } from '../support/auth';
import { type Json, json } from '../support/http';
import { type RunningSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

let system: RunningSystem;
const GM = `GM5${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
let tl: { authorization: string };

beforeAll(async () => {
  system = await startSystem();
  tl = await bearer({ rol: 'teamleider', gemeente: GM, sub: 'tl-rapport' });
});
afterAll(async () => {
  await system?.stop();
});

const get = (path: string, headers: Record<string, string> = tl) =>
  fetch(`${system.baseUrl}${path}`, { headers });

interface Rij {
  kennisgeving: string;
  fase?: string;
  leerroute?: string | null;
  doelgroep?: string;
  casemanager?: string | null;
  pipKlok?: string | null;
  pip?: string | null;
  uitkomstOp?: string | null;
  reden?: string | null;
  examens?: Record<string, { pogingen: number; behaald: boolean; behaaldOp: string | null }>;
}

async function zaai(rijen: Rij[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rijen) {
    const id = randomUUID();
    ids.push(id);
    const afgesloten = ['voldaan', 'ontheven', 'beeindigd'].includes(r.fase ?? '');
    await system.dataSource.query(
      `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, leerroute, casemanager, kennisgevingsdatum,
         termijn_einde, termijn_overschreden, afgesloten, versie, pip_klok_start, pip_vastgesteld_op, uitkomst_op,
         uitkomst_reden, examens)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ($8::date + interval '3 years')::date, false, $9, 1, $10, $11, $12, $13, $14)`,
      [
        id,
        `traject-${id}`,
        GM,
        r.doelgroep ?? 'asielstatushouder',
        r.fase ?? 'aangemeld',
        r.leerroute ?? null,
        r.casemanager === undefined ? 'cm-1' : r.casemanager,
        r.kennisgeving,
        afgesloten,
        r.pipKlok ?? null,
        r.pip ?? null,
        r.uitkomstOp ?? null,
        r.reden ?? null,
        JSON.stringify(r.examens ?? {}),
      ],
    );
  }
  return ids;
}

const geslaagd = (op: string) => ({ pogingen: 1, behaald: true, behaaldOp: op });
const gezakt = { pogingen: 2, behaald: false, behaaldOp: null };

describe('rapportage', () => {
  let ids: string[];
  beforeAll(async () => {
    ids = await zaai([
      // Cohort 2026-01: a PIP in 8 weeks, voldaan after 300 days, all exams passed.
      {
        kennisgeving: '2026-01-10',
        fase: 'voldaan',
        leerroute: 'b1',
        pipKlok: '2026-01-10',
        pip: '2026-03-07',
        uitkomstOp: '2026-11-06',
        examens: { lezen: geslaagd('2026-06-01'), knm: geslaagd('2026-10-01') },
      },
      // Cohort 2026-01: a PIP after 12 weeks, still learning, failed lezen twice.
      {
        kennisgeving: '2026-01-20',
        fase: 'in_leerroute',
        leerroute: 'b1',
        casemanager: 'cm-2',
        pipKlok: '2026-01-20',
        pip: '2026-04-14',
        examens: { lezen: gezakt },
      },
      // Cohort 2026-02: ended (verhuisd naar het buitenland).
      {
        kennisgeving: '2026-02-03',
        fase: 'beeindigd',
        uitkomstOp: '2026-05-01',
        reden: 'vertrek_buitenland',
        casemanager: null,
      },
      // Cohort 2026-02: a gezinsmigrant in the Z-route without a PIP yet.
      { kennisgeving: '2026-02-15', fase: 'intake_afgerond', leerroute: null, doelgroep: 'gezinsmigrant' },
    ]);
    await system.dataSource.query(
      `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, vervaldatum, omschrijving, status)
       VALUES ($1, $2, 'uit-beeld', 'escalatie', 'T11', $3, '2026-06-01', 'geen contact', 'open'),
              ($1, $2, 'termijn', 'waarschuwing', 'T7', $4, '2026-06-01', 'termijn', 'open'),
              ($1, $2, 'pip', 'escalatie', 'T1', $5, '2026-06-01', 'pip', 'afgerond')`,
      [ids[1], GM, randomUUID(), randomUUID(), randomUUID()],
    );
  });

  it('overzicht: aantallen, PIP binnen 10 weken, escalaties en caseload per casemanager', async () => {
    const res = await get('/api/v1/rapportage/overzicht');
    expect(res.status).toBe(200);
    const { gemeenten } = await json(res);
    expect(gemeenten).toHaveLength(1);
    const o = gemeenten[0];
    expect(o).toMatchObject({
      gemeente: GM,
      trajecten: 4,
      open: 2,
      perFase: { voldaan: 1, in_leerroute: 1, beeindigd: 1, intake_afgerond: 1 },
      perLeerroute: { b1: 2, '(geen)': 2 },
      perDoelgroep: { asielstatushouder: 3, gezinsmigrant: 1 },
      pipBinnenTienWeken: { vastgesteld: 2, binnen: 1, aandeel: 0.5 },
    });
    // Exact: this file's own database, so no nightly run of another file adds escalations here.
    expect(o.openEscalatiesPerCasemanager).toEqual([
      { casemanager: 'cm-2', escalaties: 1, waarschuwingen: 1 },
    ]);
    expect(o.caseloadPerCasemanager).toEqual(
      expect.arrayContaining([
        { casemanager: 'cm-1', open: 1 },
        { casemanager: 'cm-2', open: 1 },
      ]),
    );
    // Another gemeente's team lead sees none of it; a casemanager has no access to reports.
    const ander = await json(
      await get('/api/v1/rapportage/overzicht', await bearer({ rol: 'teamleider', gemeente: 'GM0001' })),
    );
    expect(ander.gemeenten.find((g: Json) => g.gemeente === GM)).toBeUndefined();
    expect(
      (await get('/api/v1/rapportage/overzicht', await bearer({ rol: 'casemanager', gemeente: GM }))).status,
    ).toBe(403);
  });

  it('cohorten per maand van kennisgeving', async () => {
    const { cohorten } = await json(await get('/api/v1/rapportage/cohorten?van=2026-01-01&tot=2026-02-28'));
    expect(cohorten.map((c: Json) => c.maand)).toEqual(['2026-01', '2026-02']);
    const [jan, feb] = cohorten;
    expect(jan).toMatchObject({ trajecten: 2, pipVastgesteld: 2, voldaan: 1, mediaanDagenTotVoldaan: 300 });
    // Medians of 56 and 84 days.
    expect(jan.mediaanDagenTotPip).toBe(70);
    expect(jan.examens.lezen).toEqual({ deelgenomen: 2, behaald: 1, slagingspercentage: 50 });
    expect(jan.examens.knm).toEqual({ deelgenomen: 1, behaald: 1, slagingspercentage: 100 });
    expect(jan.examens.spreken).toEqual({ deelgenomen: 0, behaald: 0, slagingspercentage: null });
    expect(jan.uitstroom).toEqual({ voldaan: 1 });
    expect(feb).toMatchObject({ trajecten: 2, pipVastgesteld: 0, mediaanDagenTotPip: null });
    expect(feb.uitstroom).toEqual({ 'beeindigd:vertrek_buitenland': 1 });
    expect((await get('/api/v1/rapportage/cohorten?van=2026-13-01')).status).toBe(400);
  });

  it('CBS-SWI: CSV per kwartaal, zonder namen of BSN; uitkomsten na het kwartaal blijven buiten beeld', async () => {
    const res = await get('/api/v1/rapportage/cbs-swi?kwartaal=2026Q2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`cbs-swi-${GM}-2026Q2.csv`);
    const regels = (await res.text()).trim().split('\r\n');
    expect(regels[0]).toBe(
      'kwartaal;gemeentecode;traject_id;doelgroep;kennisgevingsdatum;leerroute;pip_datum;termijn_einde;termijn_overschreden;fase;uitkomst_datum;uitkomst_reden;examen_lezen_behaald;examen_luisteren_behaald;examen_schrijven_behaald;examen_spreken_behaald;examen_knm_behaald',
    );
    const perId = new Map(regels.slice(1).map((r) => [r.split(';')[2], r.split(';')]));
    expect(perId.size).toBe(4);
    // Voldaan in November: in Q2 still running; lezen passed on 1 June, knm not yet.
    expect(perId.get(ids[0])).toEqual([
      '2026Q2',
      GM,
      ids[0],
      'asielstatushouder',
      '2026-01-10',
      'b1',
      '2026-03-07',
      '2029-01-10',
      'N',
      'lopend',
      '',
      '',
      'J',
      '',
      '',
      '',
      'N',
    ]);
    // Ended in May: in the quarter, with its reason.
    expect(perId.get(ids[2])?.slice(9, 12)).toEqual(['beeindigd', '2026-05-01', 'vertrek_buitenland']);
    // Q1: the one that ended in May is still running then; Q4: it is gone.
    const q4 = (await (await get('/api/v1/rapportage/cbs-swi?kwartaal=2026Q4')).text()).trim().split('\r\n');
    expect(q4.some((r) => r.includes(ids[2]))).toBe(false);
    expect(
      q4
        .find((r) => r.includes(ids[0]))
        ?.split(';')
        .slice(9, 12),
    ).toEqual(['voldaan', '2026-11-06', '']);
    for (const q of ['', '?kwartaal=2026Q5', '?kwartaal=2026-Q3']) {
      expect((await get(`/api/v1/rapportage/cbs-swi${q}`)).status).toBe(400);
    }
  });
});
