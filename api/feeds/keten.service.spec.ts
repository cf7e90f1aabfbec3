import { WorkflowNotFoundError } from '@temporalio/client';
import type { KetenTaak } from '../../domain/keten';
import { WARME_OVERDRACHT_DAGEN } from '../../domain/keten';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import type { TaakRepository } from '../../platform/persistence/repositories';
import { gebruiker, nepAudit, nepClient } from '../../test/support/fakes';
import { ProblemException, problem } from '../common/problem';
import type { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { Metrieken } from '../metrics/metrieken';
import type { TrajectenService } from '../trajecten/trajecten.service';
import type { VerwerkingService } from '../verwerkingen/verwerking.service';
import { KetenFeedsService } from './keten.service';
import { beantwoord } from './levering';

/** The synchronous answer, as a feed route gives it without `Prefer: respond-async`: handled, then recorded. */
const synchroon = (s: KetenFeedsService) => ({
  kennisgevingen: async (...a: Parameters<KetenFeedsService['verwerkKennisgevingen']>) =>
    beantwoord(await s.verwerkKennisgevingen(...a)),
  koppelingen: async (...a: Parameters<KetenFeedsService['verwerkKoppelingen']>) =>
    beantwoord(await s.verwerkKoppelingen(...a)),
  mutaties: async (...a: Parameters<KetenFeedsService['verwerkMutaties']>) =>
    beantwoord(await s.verwerkMutaties(...a)),
});

const EIGEN = '0b8f7c3e-5d2a-4c1b-9e8f-7a6b5c4d3e2f';
const KAPOT = '2e3d4c5b-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const NIEUW = '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d';
const BSN = '111222333';
const BSN_KAPOT = '123456782';
const BSN_ONBEKEND = '999999990';
const vandaag = datumVanInstant(Date.now());

interface Opties {
  signaal?: (workflowId: string) => Promise<unknown>;
  meldAan?: () => Promise<unknown>;
}

function service(o: Opties = {}) {
  const audit = nepAudit();
  const gelogd: unknown[] = [];
  const taken: KetenTaak[] = [];
  const aanmeldingen: unknown[][] = [];
  const temporal = nepClient({
    handle: (workflowId) => ({
      signal: () => (o.signaal ?? (async () => undefined))(workflowId),
      describe: async () => {
        if (workflowId.endsWith(NIEUW)) throw new WorkflowNotFoundError('weg', workflowId, undefined);
        return {
          status: { name: 'RUNNING' },
          typedSearchAttributes: {
            get: (k: { name: string }) =>
              k.name === 'Gemeente' ? 'GM0518' : k.name === 'Casemanager' ? 'cm-oud' : undefined,
          },
        };
      },
    }),
  });
  const register = {
    openTrajectVan: async (_soort: string, waarde: string, gemeente: string) => {
      if (gemeente !== 'GM0518') return null;
      if (waarde === BSN) return { trajectId: EIGEN, inburgeraarId: 'persoon-1' };
      if (waarde === BSN_KAPOT) return { trajectId: KAPOT, inburgeraarId: 'persoon-2' };
      return null;
    },
  } as unknown as InburgeraarService;
  const trajecten = {
    meldAan: async (...args: unknown[]) => {
      aanmeldingen.push(args);
      if (o.meldAan) return o.meldAan();
      return { aangemaakt: true, traject: { id: NIEUW } };
    },
  } as unknown as TrajectenService;
  const s = new KetenFeedsService(
    temporal.client,
    trajecten,
    register,
    { log: async (_g: unknown, v: unknown) => gelogd.push(v) } as unknown as VerwerkingService,
    audit.service,
    new Metrieken(),
    {
      maakKetenTaken: async (t: KetenTaak[]) => {
        taken.push(...t);
        return t.length;
      },
    } as unknown as TaakRepository,
  );
  return { s, audit, temporal, gelogd, taken, aanmeldingen };
}

const brp = gebruiker({ rol: 'feed', sub: 'brp-feed', bron: 'brp' });
const coa = gebruiker({ rol: 'feed', sub: 'coa-feed', bron: 'coa' });
const duo = gebruiker({ rol: 'feed', sub: 'duo-feed', bron: 'duo' });
const mutatie = (soort: string, over: Record<string, unknown> = {}) => ({
  soort,
  referentie: `ref-${soort}`,
  bsn: BSN,
  gemeente: 'GM0518',
  datum: addDays(vandaag, -1),
  ...over,
});

describe('KetenFeedsService: BRP-mutaties', () => {
  it('each mutation as the rulebook command, with the source reference as commandId and no BSN beyond the lookup', async () => {
    const { s, temporal, audit, gelogd } = service();
    const antwoord = await synchroon(s).mutaties(
      [
        mutatie('inschrijving'),
        mutatie('overlijden'),
        mutatie('emigratie'),
        mutatie('inschrijving', { bsn: BSN_ONBEKEND, referentie: 'x1' }),
        mutatie('inschrijving', { gemeente: 'GM0363', referentie: 'x2' }),
      ],
      brp,
      'req-1',
    );
    expect(antwoord.resultaten.map((r) => r.uitkomst)).toEqual([
      'afgeleverd',
      'afgeleverd',
      'afgeleverd',
      'onbekend_traject',
      'ongeldig',
    ]);
    const signalen = temporal.aanroepen.filter((a) => a.wat === 'signal');
    const gezonden = signalen
      .map((a) => [(a.args[0] as { name: string }).name, a.args[1] as { commandId: string }] as const)
      .sort(([, a], [, b]) => a.commandId.localeCompare(b.commandId));
    expect(gezonden).toEqual([
      [
        'beeindig',
        expect.objectContaining({ commandId: 'brp:emigratie:ref-emigratie', reden: 'vertrokken' }),
      ],
      [
        'registreerBrp',
        expect.objectContaining({
          commandId: 'brp:inschrijving:ref-inschrijving',
          datum: addDays(vandaag, -1),
        }),
      ],
      [
        'beeindig',
        expect.objectContaining({ commandId: 'brp:overlijden:ref-overlijden', reden: 'overleden' }),
      ],
    ]);
    for (const tekst of [
      JSON.stringify(temporal.aanroepen),
      JSON.stringify(antwoord),
      JSON.stringify(audit.rijen),
    ]) {
      expect(tekst).not.toContain(BSN);
      expect(tekst).not.toContain(BSN_ONBEKEND);
    }
    // What never reached a rulebook is audited by the API, in one insert.
    expect(audit.rijen.map((r) => [r.actie, r.commandId, r.code])).toEqual([
      ['registreerBrp', 'brp:inschrijving:x2', 'GEMEENTE_NIET_TOEGESTAAN'],
      ['registreerBrp', 'brp:inschrijving:x1', 'ONBEKEND_TRAJECT'],
    ]);
    expect(gelogd).toMatchObject([
      { actie: 'brp-levering op bsn', handeling: 'zoeken', inburgeraarIds: ['persoon-1'] },
    ]);
  });

  it('a verhuizing: the warm handover in both gemeenten, once per BRP reference; none for a move in the future', async () => {
    const { s, taken } = service();
    const datum = addDays(vandaag, -1);
    await synchroon(s).mutaties(
      [
        mutatie('verhuizing', { naarGemeente: 'GM0363' }),
        mutatie('verhuizing', { naarGemeente: 'GM0363', referentie: 'later', datum: addDays(vandaag, 3) }),
      ],
      brp,
      'req-2',
    );
    expect(taken).toEqual([
      expect.objectContaining({
        trajectId: null,
        gemeente: 'GM0518',
        casemanager: 'cm-oud',
        sleutel: 'keten:brp:verhuizing:ref-verhuizing',
        vervaldatum: addDays(datum, WARME_OVERDRACHT_DAGEN),
      }),
      expect.objectContaining({ trajectId: EIGEN, gemeente: 'GM0363', casemanager: null }),
    ]);
  });

  it('Temporal took only part: 503 with the per-item results, so the whole batch can be sent again', async () => {
    const { s } = service({
      signaal: async (workflowId) => {
        if (workflowId.endsWith(KAPOT)) throw new Error('UNAVAILABLE');
      },
    });
    await expect(
      synchroon(s).mutaties(
        [mutatie('inschrijving'), mutatie('inschrijving', { bsn: BSN_KAPOT, referentie: 'k' })],
        brp,
        'req-3',
      ),
    ).rejects.toMatchObject({
      problem: {
        status: 503,
        code: 'TEMPORAL_ONBEREIKBAAR',
        resultaten: [
          expect.objectContaining({ uitkomst: 'afgeleverd' }),
          expect.objectContaining({ uitkomst: 'niet_afgeleverd' }),
        ],
      },
      headers: { 'Retry-After': '10' },
    });
  });
});

const kennisgeving = (over: Record<string, unknown> = {}) => ({
  referentie: 'KG-1',
  bsn: BSN_ONBEKEND,
  voornamen: 'Testa',
  achternaam: 'Persoon',
  geboortedatum: '1990-01-01',
  doelgroep: 'gezinsmigrant',
  kennisgevingsdatum: addDays(vandaag, -3),
  gemeente: 'GM0518',
  ...over,
});

describe('KetenFeedsService: DUO-kennisgevingen', () => {
  it('a new person: the aanmelding with the person through the one door; a person with another open traject: reported', async () => {
    const { s, aanmeldingen, audit } = service();
    const antwoord = await synchroon(s).kennisgevingen(
      [kennisgeving(), kennisgeving({ bsn: BSN, referentie: 'KG-2' })],
      duo,
      'req-4',
    );
    expect(antwoord.resultaten).toEqual([
      { index: 0, uitkomst: 'aangemaakt', commandId: 'duo:kennisgeving:KG-1', trajectId: NIEUW },
      { index: 1, uitkomst: 'bestaand', commandId: 'duo:kennisgeving:KG-2', trajectId: EIGEN },
    ]);
    expect(aanmeldingen).toHaveLength(1);
    expect(aanmeldingen[0][0]).toMatchObject({
      gemeente: 'GM0518',
      doelgroep: 'gezinsmigrant',
      inburgeraar: { bsn: BSN_ONBEKEND, voornamen: 'Testa', achternaam: 'Persoon' },
    });
    expect(aanmeldingen[0][1]).toBe('duo:kennisgeving:KG-1');
    expect(audit.rijen.map((r) => [r.actie, r.code, r.trajectId])).toEqual([
      ['aanmelden', 'TRAJECT_BESTAAT_AL', EIGEN],
    ]);
  });

  it('the rulebook refuses: afgewezen with its code; Temporal down at the start: 503, not delivered', async () => {
    const geweigerd = service({
      meldAan: async () => {
        throw new ProblemException(problem(422, 'toekomst', { code: 'DATUM_IN_TOEKOMST' }));
      },
    });
    const a = await synchroon(geweigerd.s).kennisgevingen([kennisgeving()], duo, 'req-5');
    expect(a.resultaten[0]).toMatchObject({ uitkomst: 'afgewezen', code: 'DATUM_IN_TOEKOMST' });
    const weg = service({
      meldAan: async () => {
        throw Object.assign(new Error('UNAVAILABLE'), { code: 14 });
      },
    });
    await expect(synchroon(weg.s).kennisgevingen([kennisgeving()], duo, 'req-6')).rejects.toMatchObject({
      problem: { status: 503, resultaten: [expect.objectContaining({ uitkomst: 'niet_afgeleverd' })] },
    });
  });
});

describe('KetenFeedsService: COA-koppelingen', () => {
  const koppeling = (over: Record<string, unknown> = {}) => ({
    referentie: 'K-1',
    gemeente: 'GM0518',
    koppelingsdatum: addDays(vandaag, -2),
    azc: 'AZC-1',
    voorinburgeringGevolgd: false,
    verwachteHuisvestingsdatum: addDays(vandaag, 20),
    ...over,
  });

  it('links the open traject, or starts one with the person; unknown without the person', async () => {
    const { s, temporal, aanmeldingen } = service();
    const antwoord = await synchroon(s).koppelingen(
      [
        koppeling({ bsn: BSN }),
        koppeling({
          referentie: 'K-2',
          bsn: BSN_ONBEKEND,
          persoon: { voornamen: 'N', achternaam: 'Nieuw', geboortedatum: '1990-01-01' },
          kennisgevingsdatum: addDays(vandaag, -5),
        }),
        koppeling({ referentie: 'K-3', vnummer: '1234567890' }),
      ],
      coa,
      'req-7',
    );
    expect(antwoord.resultaten.map((r) => [r.uitkomst, r.trajectId])).toEqual([
      ['afgeleverd', EIGEN],
      ['aangemaakt', NIEUW],
      ['onbekend_traject', undefined],
    ]);
    expect(aanmeldingen[0][0]).toMatchObject({
      doelgroep: 'asielstatushouder',
      koppelingsdatum: addDays(vandaag, -2),
    });
    expect(aanmeldingen[0][1]).toBe('coa:aanmelding:K-2');
    const signalen = temporal.aanroepen.filter((a) => a.wat === 'signal');
    // Items run 16 at a time: the order of the signals is not the batch's.
    const payloads = signalen.map((a) => a.args[1] as { commandId: string });
    expect(payloads.sort((a, b) => a.commandId.localeCompare(b.commandId))).toEqual([
      expect.objectContaining({ commandId: 'coa:koppeling:K-1', azc: 'AZC-1', datum: addDays(vandaag, -2) }),
      expect.objectContaining({ commandId: 'coa:koppeling:K-2' }),
    ]);
  });
});
