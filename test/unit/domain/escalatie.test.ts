import fc from 'fast-check';
import {
  escalatieBeleidPerGemeente,
  escalatieBeleidVoor,
  standaardBeleid,
  standaardEscalatieBeleid,
} from '../../../domain/beleid';
import {
  type Escalatie,
  escalaties,
  type OpenTaakRegel,
  type TrajectPeilgegevens,
} from '../../../domain/escalatie';
import { DomainError } from '../../../domain/shared/fouten';
import { addDays, addWerkdagen, isNa, werkdagenTussen } from '../../../domain/shared/kalender';

const beleid = escalatieBeleidVoor();

/** An open traject that no ladder step touches unless a test says so. */
function traject(extra: Partial<TrajectPeilgegevens> = {}): TrajectPeilgegevens {
  return {
    trajectId: '00000000-0000-4000-8000-000000000001',
    gemeente: 'GM0518',
    fase: 'in_leerroute',
    afgesloten: false,
    kennisgevingsdatum: '2026-01-05',
    pipKlokStart: '2026-01-05',
    pipUiterlijk: '2026-03-16',
    pipVastgesteldOp: '2026-02-20',
    termijnEinde: '2029-02-21',
    laatsteContact: '2026-02-20',
    ontzorgenEvaluatieOp: null,
    ...extra,
  };
}

const taak = (vervaldatum: string, soort = 'voortgangsgesprek'): OpenTaakRegel => ({
  taakId: `00000000-0000-4000-8000-${vervaldatum.replaceAll('-', '').padStart(12, '0')}`,
  soort,
  vervaldatum,
});

const op = (
  vandaag: string,
  t: Partial<TrajectPeilgegevens> = {},
  taken: OpenTaakRegel[] = [],
  b = beleid,
): Escalatie[] => escalaties(traject(t), taken, vandaag, b);

const kort = (e: Escalatie) => ({
  soort: e.soort,
  actie: e.actie,
  niveau: e.niveau,
  ontvanger: e.ontvanger,
  peildatum: e.peildatum,
});

describe('escalatieladder: een rustig traject', () => {
  it('geeft niets zolang geen trede is bereikt', () => {
    expect(op('2026-03-20')).toEqual([]);
  });

  it('een afgesloten traject escaleert nooit', () => {
    expect(
      op('2030-01-01', { afgesloten: true, fase: 'voldaan', pipVastgesteldOp: null }, [taak('2026-01-01')]),
    ).toEqual([]);
  });
});

describe('taak te laat: meer dan 5 werkdagen over de vervaldatum → teamleider', () => {
  // Due on Friday 6 March 2026; the 5th working day after is Friday the 13th, the 6th Monday the 16th.
  const open = [taak('2026-03-06')];

  it('op de 5e werkdag (en in het weekend erna) nog niet', () => {
    expect(op('2026-03-13', {}, open)).toEqual([]);
    expect(op('2026-03-15', {}, open)).toEqual([]);
  });

  it('op de 6e werkdag wel, aan de teamleider, met de 6e werkdag als peildatum', () => {
    const [e] = op('2026-03-16', {}, open);
    expect(kort(e)).toEqual({
      soort: 'taak-te-laat',
      actie: 'escalatie',
      niveau: 1,
      ontvanger: 'teamleider',
      peildatum: '2026-03-16',
    });
    expect(e.sleutel).toBe(`ronde:taak-te-laat:1:${open[0].taakId}`);
    expect(e.omschrijving).toContain('werkdagen over tijd');
    // A week later: the same escalation (same key, same peildatum), so storing it again is a no-op.
    expect(op('2026-03-23', {}, open)).toEqual([e]);
  });

  it('elke te late taak apart; taken met een eigen trede (PIP, termijn, contact, ontzorgen) niet', () => {
    const taken = [
      taak('2026-03-06'),
      taak('2026-03-05', 'bezwaartermijn'),
      taak('2026-03-06', 'pip'),
      taak('2026-03-06', 'termijn-waarschuwing'),
      taak('2026-03-06', 'geen-contact'),
      taak('2026-03-06', 'ontzorgen-evaluatie'),
    ];
    const e = op('2026-03-16', {}, taken);
    expect(e.map((x) => x.sleutel)).toEqual([
      `ronde:taak-te-laat:1:${taken[0].taakId}`,
      `ronde:taak-te-laat:1:${taken[1].taakId}`,
    ]);
  });

  it('het aantal werkdagen is beleid', () => {
    const streng = escalatieBeleidVoor({ taakTeLaatWerkdagen: 1 });
    expect(op('2026-03-09', {}, open, streng)).toEqual([]);
    expect(op('2026-03-10', {}, open, streng).map(kort)).toEqual([
      expect.objectContaining({ soort: 'taak-te-laat', peildatum: '2026-03-10' }),
    ]);
  });
});

describe('PIP niet vastgesteld: 8 weken → waarschuwing, na de wettelijke 10 weken → escalatie', () => {
  // PIP clock from Monday 5 January 2026: 8 weeks = 2 March, the legal last day (10 weeks) = 16 March.
  const zonderPip = { pipVastgesteldOp: null, laatsteContact: '2026-02-20' };

  it('de dag vóór 8 weken niets', () => {
    expect(op('2026-03-01', zonderPip)).toEqual([]);
  });

  it('na 8 weken een waarschuwing voor de casemanager, tot en met de laatste dag van de termijn', () => {
    for (const dag of ['2026-03-02', '2026-03-16']) {
      expect(op(dag, zonderPip).map(kort)).toEqual([
        {
          soort: 'pip-niet-vastgesteld',
          actie: 'waarschuwing',
          niveau: 1,
          ontvanger: 'casemanager',
          peildatum: '2026-03-02',
        },
      ]);
    }
  });

  it('de dag na de wettelijke termijn een escalatie (niveau 2) voor de teamleider', () => {
    const [e] = op('2026-03-17', zonderPip);
    expect(kort(e)).toEqual({
      soort: 'pip-niet-vastgesteld',
      actie: 'escalatie',
      niveau: 2,
      ontvanger: 'teamleider',
      peildatum: '2026-03-17',
    });
    expect(e.sleutel).toBe('ronde:pip-niet-vastgesteld:2');
    expect(e.omschrijving).toContain('2026-03-16');
  });

  it('een later BRP-moment (latere klokstart en termijn) schuift beide treden op', () => {
    const laat = { ...zonderPip, pipKlokStart: '2026-02-02', pipUiterlijk: '2026-04-13' };
    expect(op('2026-03-29', laat)).toEqual([]);
    expect(op('2026-03-30', laat).map((e) => e.niveau)).toEqual([1]);
    expect(op('2026-04-14', laat).map((e) => e.niveau)).toEqual([2]);
  });

  it('wachten op derden (geen uiterlijke datum): alleen de waarschuwing', () => {
    expect(op('2026-09-01', { ...zonderPip, pipUiterlijk: null, laatsteContact: '2026-08-01' })).toEqual([
      expect.objectContaining({ soort: 'pip-niet-vastgesteld', niveau: 1 }),
    ]);
  });

  it('met een vastgesteld PIP niets', () => {
    expect(op('2026-06-01', { laatsteContact: '2026-05-01' })).toEqual([]);
  });
});

describe('termijn loopt af: 12/6/3/1 maanden voor het einde → waarschuwing van stijgend niveau', () => {
  const einde = '2029-03-01';
  const niveau = (dag: string, extra: Partial<TrajectPeilgegevens> = {}) =>
    op(dag, { termijnEinde: einde, laatsteContact: addDays(dag, -1), ...extra })
      .filter((e) => e.soort === 'termijn-loopt-af')
      .map((e) => [e.niveau, e.peildatum, e.ontvanger]);

  it.each([
    ['2028-02-29', []],
    ['2028-03-01', [[1, '2028-03-01', 'casemanager']]],
    ['2028-08-31', [[1, '2028-03-01', 'casemanager']]],
    ['2028-09-01', [[2, '2028-09-01', 'casemanager']]],
    ['2028-12-01', [[3, '2028-12-01', 'casemanager']]],
    ['2029-02-01', [[4, '2029-02-01', 'casemanager']]],
    ['2029-03-01', [[4, '2029-02-01', 'casemanager']]],
    ['2029-03-02', []],
  ])('op %s: %j', (dag, verwacht) => {
    expect(niveau(dag)).toEqual(verwacht);
  });

  it('alleen de meest urgente trede: een laat gezien traject krijgt geen reeks oude waarschuwingen', () => {
    expect(niveau('2029-02-15')).toHaveLength(1);
  });

  it('voldaan: geen waarschuwing', () => {
    expect(niveau('2029-02-15', { fase: 'voldaan' })).toEqual([]);
  });

  it('de ladder is beleid (standaard dezelfde als die van de trajecttimers)', () => {
    expect(standaardEscalatieBeleid.termijnWaarschuwingenMaanden).toEqual(
      standaardBeleid.termijnWaarschuwingenMaanden,
    );
    const eigen = escalatieBeleidVoor({ termijnWaarschuwingenMaanden: [2, 24] });
    const e = op('2027-03-01', { termijnEinde: einde, laatsteContact: '2027-02-01' }, [], eigen);
    expect(e.map(kort)).toEqual([expect.objectContaining({ niveau: 1, peildatum: '2027-03-01' })]);
    expect(e[0].omschrijving).toContain('24 maanden');
  });
});

describe('uit beeld: 4 maanden geen contact → escalatie', () => {
  it('precies 4 maanden na het laatste contact, niet de dag ervoor', () => {
    expect(op('2026-06-19', { laatsteContact: '2026-02-20' })).toEqual([]);
    const [e] = op('2026-06-20', { laatsteContact: '2026-02-20' });
    expect(kort(e)).toEqual({
      soort: 'uit-beeld',
      actie: 'escalatie',
      niveau: 1,
      ontvanger: 'teamleider',
      peildatum: '2026-06-20',
    });
    expect(e.omschrijving).toContain('uit beeld');
  });

  it('nooit contact gehad: telt vanaf de kennisgeving', () => {
    const e = op('2026-05-05', { laatsteContact: null });
    expect(e.map((x) => [x.soort, x.peildatum])).toContainEqual(['uit-beeld', '2026-05-05']);
  });

  it('het aantal maanden is beleid', () => {
    const e = op(
      '2026-04-20',
      { laatsteContact: '2026-02-20' },
      [],
      escalatieBeleidVoor({ geenContactMaanden: 2 }),
    );
    expect(e.map((x) => x.soort)).toEqual(['uit-beeld']);
  });
});

describe('ontzorgen: evaluatiedatum verstreken zonder besluit → escalatie', () => {
  it('op de evaluatiedatum nog niet, de dag erna wel', () => {
    const t = { ontzorgenEvaluatieOp: '2026-07-01', laatsteContact: '2026-06-15' };
    expect(op('2026-07-01', t)).toEqual([]);
    expect(op('2026-07-02', t).map(kort)).toEqual([
      {
        soort: 'ontzorgen-niet-besloten',
        actie: 'escalatie',
        niveau: 1,
        ontvanger: 'teamleider',
        peildatum: '2026-07-02',
      },
    ]);
  });
});

describe('escalatiebeleid per gemeente', () => {
  it('standaard: 5 werkdagen, 8 weken, 12/6/3/1 maanden, 4 maanden; verzuim 20 % over 4 weken, 10 werkdagen', () => {
    expect(escalatieBeleidVoor()).toEqual({
      taakTeLaatWerkdagen: 5,
      pipWaarschuwingWeken: 8,
      termijnWaarschuwingenMaanden: [12, 6, 3, 1],
      geenContactMaanden: 4,
      verzuimGrensProcent: 20,
      verzuimWeken: 4,
      verzuimEscalatieWerkdagen: 10,
    });
  });

  it.each([
    [{ taakTeLaatWerkdagen: -1 }, 'taakTeLaatWerkdagen'],
    [{ pipWaarschuwingWeken: 0 }, 'pipWaarschuwingWeken'],
    [{ termijnWaarschuwingenMaanden: [6, 6] }, 'termijnWaarschuwingenMaanden'],
    [{ geenContactMaanden: 1.5 }, 'geenContactMaanden'],
    [{ verzuimGrensProcent: 0 }, 'verzuimGrensProcent'],
    [{ verzuimWeken: 27 }, 'verzuimWeken'],
    [{ verzuimEscalatieWerkdagen: 0 }, 'verzuimEscalatieWerkdagen'],
    [{ onbekend: 1 }, 'onbekend'],
  ])('%j is ongeldig (%s)', (afwijking, veld) => {
    expect(() => escalatieBeleidVoor(afwijking as never)).toThrow(DomainError);
    try {
      escalatieBeleidVoor(afwijking as never);
    } catch (err) {
      expect(err).toMatchObject({ code: 'BELEID_ONGELDIG', veld });
    }
  });

  it('per gemeente gevalideerd en aangevuld met de standaard', () => {
    expect(escalatieBeleidPerGemeente({ GM0344: { taakTeLaatWerkdagen: 3 } })).toEqual({
      GM0344: { ...standaardEscalatieBeleid, taakTeLaatWerkdagen: 3 },
    });
    expect(() => escalatieBeleidVoor(null as never)).toThrow(DomainError);
  });
});

describe('werkdagen (ma–vr)', () => {
  it('tellen vanaf de dag na `van` tot en met `tot`', () => {
    expect(werkdagenTussen('2026-03-06', '2026-03-06')).toBe(0);
    expect(werkdagenTussen('2026-03-06', '2026-03-08')).toBe(0);
    expect(werkdagenTussen('2026-03-06', '2026-03-16')).toBe(6);
    expect(werkdagenTussen('2026-03-16', '2026-03-06')).toBe(0);
    expect(addWerkdagen('2026-03-06', 1)).toBe('2026-03-09');
    expect(addWerkdagen('2026-03-06', 6)).toBe('2026-03-16');
  });

  it('eigenschap: n werkdagen verder zijn precies n werkdagen', () => {
    const datum = fc
      .date({
        min: new Date('2022-01-01T00:00:00Z'),
        max: new Date('2040-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(datum, fc.integer({ min: 1, max: 400 }), (d, n) => {
        expect(werkdagenTussen(d, addWerkdagen(d, n))).toBe(n);
      }),
    );
  });
});

describe('eigenschap: een trede hangt af van de feiten, niet van de nacht waarin de ronde draait', () => {
  const datum = fc.integer({ min: 0, max: 5 * 365 }).map((n) => addDays('2026-01-01', n));
  const optioneel = fc.option(datum, { nil: null });
  const rij = fc.record({
    pipKlokStart: optioneel,
    pipUiterlijk: optioneel,
    pipVastgesteldOp: optioneel,
    termijnEinde: optioneel,
    laatsteContact: optioneel,
    ontzorgenEvaluatieOp: optioneel,
  });
  const taken = fc.array(
    fc.record({ taakId: fc.uuid(), soort: fc.constantFrom('voortgangsgesprek', 'pip'), vervaldatum: datum }),
    { maxLength: 3 },
  );

  it('peildatum ≤ vandaag, sleutels uniek, en dezelfde sleutel heeft elke nacht dezelfde peildatum', () => {
    fc.assert(
      fc.property(rij, taken, datum, datum, (r, t, d1, d2) => {
        const eerste = escalaties(traject(r), t, d1, beleid);
        const tweede = escalaties(traject(r), t, d2, beleid);
        for (const [lijst, dag] of [
          [eerste, d1],
          [tweede, d2],
        ] as const) {
          expect(lijst.every((e) => !isNa(e.peildatum, dag))).toBe(true);
          expect(new Set(lijst.map((e) => e.sleutel)).size).toBe(lijst.length);
        }
        for (const e of eerste) {
          const zelfde = tweede.find((x) => x.sleutel === e.sleutel);
          if (zelfde) expect(zelfde.peildatum).toBe(e.peildatum);
        }
      }),
    );
  });
});

describe('een nieuwe episode escaleert opnieuw, dezelfde nooit twee keer', () => {
  const basis = {
    trajectId: 't-1',
    gemeente: 'GM0518',
    fase: 'in_leerroute',
    afgesloten: false,
    kennisgevingsdatum: '2026-01-05',
    pipKlokStart: '2026-01-05',
    pipUiterlijk: '2026-03-16',
    pipVastgesteldOp: '2026-03-01',
    termijnEinde: '2029-03-01',
    laatsteContact: '2026-03-01',
    ontzorgenEvaluatieOp: null,
  };
  const sleutels = (t: Partial<typeof basis>, vandaag: string) =>
    escalaties({ ...basis, ...t }, [], vandaag, escalatieBeleidVoor()).map((e) => e.sleutel);

  it('uit beeld: na nieuw contact telt een latere stilte als nieuwe escalatie', () => {
    const eerste = sleutels({}, '2026-07-02');
    expect(eerste).toContain('ronde:uit-beeld:1:2026-03-01');
    // The same silence the next night: the same key (stored once).
    expect(sleutels({}, '2026-07-03')).toContain('ronde:uit-beeld:1:2026-03-01');
    // Contact in August, silent again until December: a new key.
    expect(sleutels({ laatsteContact: '2026-08-10' }, '2026-12-11')).toContain(
      'ronde:uit-beeld:1:2026-08-10',
    );
  });

  it('termijn: na een verlenging waarschuwt elke trede opnieuw voor het nieuwe einde', () => {
    expect(sleutels({ laatsteContact: '2028-03-01' }, '2028-03-02')).toContain(
      'ronde:termijn-loopt-af:1:2029-03-01',
    );
    expect(sleutels({ laatsteContact: '2028-03-01', termijnEinde: '2029-09-01' }, '2028-09-02')).toContain(
      'ronde:termijn-loopt-af:1:2029-09-01',
    );
  });
});
