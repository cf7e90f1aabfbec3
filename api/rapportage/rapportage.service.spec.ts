import type { CbsSwiRij, RapportageRepository } from '../../platform/persistence/repositories';
import { gebruiker } from '../../test/support/fakes';
import { RapportageService } from './rapportage.service';

function repo(over: Partial<Record<keyof RapportageRepository, unknown>>): RapportageRepository {
  const leeg = async () => [];
  return {
    groepen: leeg,
    pipBinnen: leeg,
    openEscalaties: leeg,
    caseload: leeg,
    cohorten: leeg,
    uitstroom: leeg,
    cbsSwi: leeg,
    ...Object.fromEntries(
      Object.entries(over).map(([k, v]) => [
        k,
        async (...args: unknown[]) => (typeof v === 'function' ? v(...args) : v),
      ]),
    ),
  } as unknown as RapportageRepository;
}

describe('RapportageService.overzicht', () => {
  it('builds one overview per gemeente from the grouped counts, with the share of timely PIPs rounded', async () => {
    const gevraagd: unknown[][] = [];
    const s = new RapportageService(
      repo({
        groepen: [
          { gemeente: 'GM0518', as: 'fase', waarde: 'aangemeld', n: 2 },
          { gemeente: 'GM0518', as: 'fase', waarde: 'voldaan', n: 1 },
          { gemeente: 'GM0518', as: 'leerroute', waarde: '(geen)', n: 2 },
          { gemeente: 'GM0518', as: 'open', waarde: 'false', n: 2 },
        ],
        pipBinnen: (...args: unknown[]) => {
          gevraagd.push(args);
          return [{ gemeente: 'GM0518', vastgesteld: 3, binnen: 2 }];
        },
        caseload: [{ gemeente: 'GM0518', casemanager: 'cm-1', open: 2 }],
      }),
    );
    const { gemeenten } = await s.overzicht(gebruiker({ rol: 'teamleider' }));
    expect(gemeenten).toEqual([
      expect.objectContaining({
        gemeente: 'GM0518',
        trajecten: 3,
        open: 2,
        perFase: { aangemeld: 2, voldaan: 1 },
        perLeerroute: { '(geen)': 2 },
        pipBinnenTienWeken: { vastgesteld: 3, binnen: 2, aandeel: 0.667 },
        caseloadPerCasemanager: [{ casemanager: 'cm-1', open: 2 }],
      }),
    ]);
    // The law's ten weeks (Besluit art. 5.3) in days, for the caller's own gemeente only.
    expect(gevraagd).toEqual([[['GM0518'], 70]]);
  });
});

describe('RapportageService: bereik (issue 13)', () => {
  it('a region sees its gemeenten, a gemeente outside it nothing; no claim nothing; "*" all', async () => {
    const gevraagd: unknown[] = [];
    const s = new RapportageService(
      repo({
        groepen: (g: unknown) => {
          gevraagd.push(g);
          return [];
        },
      }),
    );
    const regio = gebruiker({ rol: 'teamleider', gemeente: null, bereik: ['GM0398', 'GM0405'] });
    await s.overzicht(regio);
    await s.overzicht(regio, 'GM0405');
    await s.overzicht(regio, 'GM0518');
    await s.overzicht(gebruiker({ rol: 'operations', gemeente: null }));
    await s.overzicht(gebruiker({ rol: 'operations', gemeente: null, bereik: '*' }));
    expect(gevraagd).toEqual([['GM0398', 'GM0405'], ['GM0405'], [], [], null]);
  });
});

describe('RapportageService.cbsSwi', () => {
  const basis: CbsSwiRij = {
    gemeente: 'GM0518',
    id: '0b8f7c3e-5d2a-4c1b-9e8f-7a6b5c4d3e2f',
    doelgroep: 'asielstatushouder',
    kennisgevingsdatum: '2026-01-10',
    leerroute: 'b1',
    pipVastgesteldOp: '2026-10-05',
    termijnEinde: '2029-10-05',
    termijnOverschreden: false,
    fase: 'voldaan',
    uitkomstOp: '2026-10-20',
    uitkomstReden: null,
    examens: {
      lezen: { behaaldOp: '2026-09-01' },
      knm: { behaaldOp: '2026-10-15' },
      spreken: { behaaldOp: null },
    },
  };

  it('describes the quarter: facts after its end are left out, exams passed by then J, tried N', async () => {
    const s = new RapportageService(repo({ cbsSwi: [basis] }));
    const csv = await s.cbsSwi(gebruiker({ rol: 'teamleider' }), '2026Q3');
    const [kop, regel] = csv.trim().split('\r\n');
    const kolommen = kop.split(';');
    const waarde = Object.fromEntries(regel.split(';').map((v, i) => [kolommen[i], v]));
    expect(waarde).toMatchObject({
      kwartaal: '2026Q3',
      pip_datum: '',
      fase: 'lopend',
      uitkomst_datum: '',
      examen_lezen_behaald: 'J',
      examen_knm_behaald: 'N',
      examen_spreken_behaald: 'N',
      examen_schrijven_behaald: '',
    });
  });

  it('a cell a spreadsheet would run as a formula is neutralised (issue 14)', async () => {
    const s = new RapportageService(
      repo({ cbsSwi: [{ ...basis, uitkomstReden: '=HYPERLINK("x")', fase: '@SUM(1)' }] }),
    );
    const csv = await s.cbsSwi(gebruiker({ rol: 'teamleider' }), '2026Q4');
    for (const cel of csv.trim().split('\r\n')[1].split(';')) expect(cel).not.toMatch(/^["]?[=+\-@]/);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain("'@SUM(1)");
  });
});
