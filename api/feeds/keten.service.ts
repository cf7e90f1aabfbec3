import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { z } from 'zod';
import { trajectWorkflowId } from '../../contract/ids';
import { searchAttributes } from '../../contract/search-attributes';
import { type CommandoType, commandoSignaal } from '../../contract/traject-workflow';
import { warmeOverdrachtTaken } from '../../domain/keten';
import { datumVanInstant, isNa } from '../../domain/shared/kalender';
import { TaakRepository } from '../../platform/persistence/repositories';
import { trajectIdSleutel } from '../../platform/traject-id-sleutel';
import { type AuditInvoer, AuditService } from '../audit';
import { type AangemeldeGebruiker, magGemeente } from '../auth';
import { isDatabaseOnbereikbaar } from '../common/afhankelijkheden';
import { bronCommandId } from '../common/beveiliging';
import { ProblemException } from '../common/problem';
import { veldFouten } from '../common/zod-body.pipe';
import { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';
import { trajectIdVoorAanmelding } from '../trajecten/traject-id';
import { TrajectenService } from '../trajecten/trajecten.service';
import { VerwerkingService } from '../verwerkingen/verwerking.service';
import {
  type KennisgevingItem,
  type KoppelingItem,
  kennisgevingItem,
  koppelingItem,
  type MutatieItem,
  mutatieItem,
} from './keten.dto';
import type { LeveringAntwoord, VerwerkteLevering } from './levering';

/**
 * What became of one item: `aangemaakt` (a new traject), `bestaand` (the person already has an open
 * traject in that gemeente: reported, nothing started), `afgeleverd` (a Signal to the traject's
 * workflow; its rulebook applies or rejects it), `afgewezen` (the rulebook refused a new traject, with
 * its code), `ongeldig` (field errors, or a gemeente this feed client does not serve),
 * `onbekend_traject`, `afgesloten`, `niet_afgeleverd` (Temporal or Postgres did not answer: 503).
 */
export type KetenUitkomst =
  | 'aangemaakt'
  | 'bestaand'
  | 'afgeleverd'
  | 'afgewezen'
  | 'ongeldig'
  | 'onbekend_traject'
  | 'afgesloten'
  | 'niet_afgeleverd';

export interface KetenResultaat {
  index: number;
  uitkomst: KetenUitkomst;
  commandId?: string;
  trajectId?: string;
  code?: string;
  fouten?: { veld: string; melding: string }[];
}

/** `afgeleverd`: the items that reached a traject (aangemaakt or afgeleverd). */
export type KetenAntwoord = LeveringAntwoord<KetenResultaat>;

/** What one batch collects beside the results: persons looked up by BSN, audit rows of the API. */
interface Levering {
  gebruiker: AangemeldeGebruiker;
  requestId: string;
  personen: Set<string>;
  audit: AuditInvoer[];
  grens: number;
}

const PARALLEL = 16;
const SIGNAAL_TIMEOUT_MS = 10_000;
const OPZOEK_TIMEOUT_MS = 3_000;
/** All of a batch's Temporal lookups together (issue 13); what is left after it is not delivered. */
const OPZOEK_BUDGET_MS = 20_000;

/** Temporal did not answer (in time): the item is not delivered, the batch is answered 503. */
class NietAfgeleverd extends Error {}

const NIET_BEDIEND = 'deze gemeente bedient deze feed-client niet';

/**
 * Issue 15: the chain's feeds. A DUO kennisgeving starts the person's traject (the aanmelding of
 * api/trajecten with the person register), a COA koppeling starts or links the asielstatushouder's
 * traject and asks for the overdrachtsgesprek (the rulebook's `registreerKoppeling`), a BRP mutation
 * moves the PIP clock, moves the traject (with a warm handover task in both gemeenten) or ends it.
 * Each item's commandId is the source's own reference (`duo:`, `coa:`, `brp:`), so a batch sent
 * again applies nothing twice; BSNs go no further than the blind index.
 */
@Injectable()
export class KetenFeedsService {
  private readonly idSleutel: Buffer;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly trajecten: TrajectenService,
    private readonly inburgeraars: InburgeraarService,
    private readonly verwerking: VerwerkingService,
    private readonly audit: AuditService,
    private readonly metrieken: Metrieken,
    private readonly taken: TaakRepository,
  ) {
    this.idSleutel = trajectIdSleutel();
  }

  /** The batch handled; recording it is the caller's (`FeedLeveringService`: at once, or at the batch's end). */
  verwerkKennisgevingen(
    items: unknown[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<VerwerkteLevering<KetenAntwoord>> {
    return this.verwerk(items, gebruiker, requestId, kennisgevingItem, {
      id: (i) => ['aanmelden', bronCommandId('duo', `kennisgeving:${i.referentie}`)],
      verwerk: (item, index, l) => this.kennisgeving(item, index, l),
    });
  }

  verwerkKoppelingen(
    items: unknown[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<VerwerkteLevering<KetenAntwoord>> {
    return this.verwerk(items, gebruiker, requestId, koppelingItem, {
      id: (i) => ['registreerKoppeling', bronCommandId('coa', `koppeling:${i.referentie}`)],
      verwerk: (item, index, l) => this.koppeling(item, index, l),
    });
  }

  verwerkMutaties(
    items: unknown[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<VerwerkteLevering<KetenAntwoord>> {
    return this.verwerk(items, gebruiker, requestId, mutatieItem, {
      id: (i) => [alsCommando(i)[0], bronCommandId('brp', `${i.soort}:${i.referentie}`)],
      verwerk: (item, index, l) => this.mutatie(item, index, l),
    });
  }

  /** The batch: each item read, its gemeente checked, handled (16 at a time); what to log and audit. */
  private async verwerk<T extends { referentie: string; gemeente: string }>(
    items: unknown[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
    schema: z.ZodType<T>,
    soort: {
      /** The item's command and its stable commandId (the source's prefix and reference). */
      id: (item: T) => [string, string];
      verwerk: (item: T, index: number, levering: Levering) => Promise<KetenResultaat>;
    },
  ): Promise<VerwerkteLevering<KetenAntwoord>> {
    const bron = gebruiker.bron ?? 'feed';
    const levering: Levering = {
      gebruiker,
      requestId,
      personen: new Set(),
      audit: [],
      grens: Date.now() + OPZOEK_BUDGET_MS,
    };
    const resultaten: KetenResultaat[] = new Array(items.length);
    const werk: { index: number; item: T }[] = [];
    items.forEach((ruw, index) => {
      const r = schema.safeParse(ruw);
      if (!r.success) {
        resultaten[index] = { index, uitkomst: 'ongeldig', fouten: veldFouten(r.error) };
        return;
      }
      if (!magGemeente(gebruiker, r.data.gemeente)) {
        // A gemeente outside the client's scope: refused at the edge, audited (it had a reference).
        const [actie, commandId] = soort.id(r.data);
        levering.audit.push({
          gebruiker,
          actie,
          commandId,
          uitkomst: 'afgewezen',
          code: 'GEMEENTE_NIET_TOEGESTAAN',
          requestId,
        });
        resultaten[index] = {
          index,
          uitkomst: 'ongeldig',
          commandId,
          fouten: [{ veld: 'gemeente', melding: NIET_BEDIEND }],
        };
        return;
      }
      werk.push({ index, item: r.data });
    });

    let volgende = 0;
    const werker = async () => {
      while (volgende < werk.length) {
        const { index, item } = werk[volgende++];
        try {
          resultaten[index] = await soort.verwerk(item, index, levering);
        } catch (err) {
          if (!(err instanceof NietAfgeleverd) && !isDatabaseOnbereikbaar(err)) throw err;
          resultaten[index] = { index, uitkomst: 'niet_afgeleverd' };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, werk.length) }, werker));

    return {
      antwoord: {
        ontvangen: items.length,
        afgeleverd: resultaten.filter((r) => r.uitkomst === 'afgeleverd' || r.uitkomst === 'aangemaakt')
          .length,
        resultaten,
      },
      nietAfgeleverd: resultaten.some((r) => r.uitkomst === 'niet_afgeleverd'),
      vastleggen: async (db) => {
        await this.verwerking.log(
          gebruiker,
          {
            actie: `${bron}-levering op bsn`,
            handeling: 'zoeken',
            inburgeraarIds: [...levering.personen],
            soorten: ['bsn'],
            requestId,
          },
          db,
        );
        await this.audit.schrijfAlle(levering.audit, db);
      },
    };
  }

  /** DUO kennisgeving → the person (register) and their traject, or the open traject they already have. */
  private async kennisgeving(item: KennisgevingItem, index: number, l: Levering): Promise<KetenResultaat> {
    const commandId = bronCommandId('duo', `kennisgeving:${item.referentie}`);
    const bestaand = await this.zoek('bsn', item.bsn, item.gemeente, l);
    const eigen = trajectIdVoorAanmelding(this.idSleutel, item.gemeente, commandId);
    if (bestaand && (bestaand !== eigen || (await this.bestaat(eigen)))) {
      if (bestaand !== eigen) {
        l.audit.push(this.weigering(l, 'aanmelden', commandId, 'TRAJECT_BESTAAT_AL', bestaand));
      }
      return { index, uitkomst: 'bestaand', commandId, trajectId: bestaand };
    }
    const { bsn, vnummer, voornamen, voorvoegsel, achternaam, geboortedatum } = item;
    return {
      index,
      ...(await this.meldAan(
        {
          gemeente: item.gemeente,
          doelgroep: item.doelgroep,
          kennisgevingsdatum: item.kennisgevingsdatum,
          inburgeraar: { bsn, vnummer, voornamen, voorvoegsel, achternaam, geboortedatum },
        },
        commandId,
        l,
      )),
    };
  }

  /**
   * COA koppeling → the asielstatushouder's open traject (by BSN, else V-nummer), or a new one when the
   * item carries the person and the kennisgeving; then `registreerKoppeling` as a Signal, whose rule
   * asks the casemanager to plan the overdrachtsgesprek before the expected housing date.
   */
  private async koppeling(item: KoppelingItem, index: number, l: Levering): Promise<KetenResultaat> {
    const commandId = bronCommandId('coa', `koppeling:${item.referentie}`);
    const aanmeldId = bronCommandId('coa', `aanmelding:${item.referentie}`);
    const eigen = trajectIdVoorAanmelding(this.idSleutel, item.gemeente, aanmeldId);
    let trajectId =
      (item.bsn ? await this.zoek('bsn', item.bsn, item.gemeente, l) : null) ??
      (item.vnummer ? await this.zoek('vnummer', item.vnummer, item.gemeente, l) : null);
    let uitkomst: KetenUitkomst = 'afgeleverd';
    // Start a traject when there is none (or ours was linked in the register but never started).
    const starten = !trajectId || (trajectId === eigen && !(await this.bestaat(eigen)));
    if (starten && item.persoon && item.kennisgevingsdatum && item.bsn) {
      const r = await this.meldAan(
        {
          gemeente: item.gemeente,
          doelgroep: 'asielstatushouder',
          kennisgevingsdatum: item.kennisgevingsdatum,
          koppelingsdatum: item.koppelingsdatum,
          inburgeraar: { bsn: item.bsn, vnummer: item.vnummer, ...item.persoon },
        },
        aanmeldId,
        l,
      );
      if (r.uitkomst !== 'aangemaakt' && r.uitkomst !== 'bestaand') return { index, ...r };
      trajectId = r.trajectId ?? null;
      if (r.uitkomst === 'aangemaakt') uitkomst = 'aangemaakt';
    }
    // A traject found by the register: its gemeente from Temporal, as for every feed (issue 13).
    const traject = trajectId && uitkomst !== 'aangemaakt' ? await this.beschrijf(trajectId, l) : null;
    if (!trajectId || traject === 'onbekend' || (traject && !magGemeente(l.gebruiker, traject.gemeente))) {
      l.audit.push(this.weigering(l, 'registreerKoppeling', commandId, 'ONBEKEND_TRAJECT', null));
      return { index, uitkomst: 'onbekend_traject', commandId };
    }
    const bezorgd = await this.signaleer(
      trajectId,
      'registreerKoppeling',
      commandId,
      l,
      {
        datum: item.koppelingsdatum,
        azc: item.azc,
        voorinburgeringGevolgd: item.voorinburgeringGevolgd,
        verwachteHuisvestingsdatum: item.verwachteHuisvestingsdatum,
      },
      item.gemeente,
    );
    return { index, commandId, trajectId, uitkomst: bezorgd === 'afgeleverd' ? uitkomst : bezorgd };
  }

  /**
   * BRP mutation → a Signal to the person's open traject in `gemeente`: inschrijving `registreerBrp`
   * (the later of kennisgeving and BRP date starts the PIP clock), verhuizing `registreerVerhuizing`
   * plus the warm handover tasks of both gemeenten (domain/keten.ts), overlijden and emigratie
   * `beeindig` with reason `overleden` / `vertrokken`.
   */
  private async mutatie(item: MutatieItem, index: number, l: Levering): Promise<KetenResultaat> {
    const commandId = bronCommandId('brp', `${item.soort}:${item.referentie}`);
    const [type, payload] = alsCommando(item);
    const trajectId = await this.zoek('bsn', item.bsn, item.gemeente, l);
    if (!trajectId) {
      l.audit.push(this.weigering(l, type, commandId, 'ONBEKEND_TRAJECT', null));
      return { index, uitkomst: 'onbekend_traject', commandId };
    }
    const traject = await this.beschrijf(trajectId, l);
    const basis = { index, commandId, trajectId };
    if (traject === 'onbekend' || !magGemeente(l.gebruiker, traject.gemeente)) {
      l.audit.push(this.weigering(l, type, commandId, 'ONBEKEND_TRAJECT', null));
      return { index, uitkomst: 'onbekend_traject', commandId };
    }
    const uitkomst = await this.signaleer(trajectId, type, commandId, l, payload, traject.gemeente);
    if (
      uitkomst === 'afgeleverd' &&
      item.soort === 'verhuizing' &&
      !isNa(item.datum, datumVanInstant(Date.now()))
    ) {
      // A move in the future the rulebook refuses: no handover for it.
      await this.taken.maakKetenTaken(
        warmeOverdrachtTaken({
          trajectId,
          van: traject.gemeente,
          naar: item.naarGemeente,
          datum: item.datum,
          sleutel: `keten:${commandId}`,
          casemanagerVan: traject.casemanager,
        }),
      );
    }
    return { ...basis, uitkomst };
  }

  /** The open traject of this person in this gemeente, through the blind index; the lookup is logged. */
  private async zoek(
    soort: 'bsn' | 'vnummer',
    waarde: string,
    gemeente: string,
    l: Levering,
  ): Promise<string | null> {
    const gevonden = await this.inburgeraars.openTrajectVan(soort, waarde, gemeente);
    if (!gevonden) return null;
    l.personen.add(gevonden.inburgeraarId);
    return gevonden.trajectId;
  }

  /** The aanmelding of api/trajecten (one door: the rulebook's checks, the register, the workflow start). */
  private async meldAan(
    body: Parameters<TrajectenService['meldAan']>[0],
    commandId: string,
    l: Levering,
  ): Promise<Omit<KetenResultaat, 'index'>> {
    try {
      const { aangemaakt, traject } = await this.trajecten.meldAan(body, commandId, l.gebruiker, l.requestId);
      return { uitkomst: aangemaakt ? 'aangemaakt' : 'bestaand', commandId, trajectId: traject.id };
    } catch (err) {
      if (!(err instanceof ProblemException)) {
        if (isDatabaseOnbereikbaar(err)) throw err;
        this.metrieken.temporalFout('start', err);
        throw new NietAfgeleverd();
      }
      const { status, code } = err.problem as { status: number; code?: string };
      if (status >= 500) throw new NietAfgeleverd();
      if (code === 'TRAJECT_BESTAAT_AL') {
        // Another open traject appeared meanwhile (the register refuses a second): report it.
        const bestaand = await this.zoek('bsn', body.inburgeraar?.bsn as string, body.gemeente, l);
        return { uitkomst: 'bestaand', commandId, ...(bestaand ? { trajectId: bestaand } : {}) };
      }
      // The rulebook refused the aanmelding (audited by meldAan): its code, never the values.
      return { uitkomst: 'afgewezen', commandId, code: code ?? 'AFGEWEZEN' };
    }
  }

  private async bestaat(trajectId: string): Promise<boolean> {
    return (await this.beschrijf(trajectId, null)) !== 'onbekend';
  }

  /** Gemeente and casemanager of the traject from Temporal (its search attributes), bounded. */
  private async beschrijf(
    trajectId: string,
    l: Levering | null,
  ): Promise<{ gemeente: string; casemanager: string | null } | 'onbekend'> {
    if (l && Date.now() > l.grens) throw new NietAfgeleverd();
    try {
      const d = await this.client.connection.withDeadline(
        Math.min(l?.grens ?? Number.POSITIVE_INFINITY, Date.now() + OPZOEK_TIMEOUT_MS),
        () => this.client.workflow.getHandle(trajectWorkflowId(trajectId)).describe(),
      );
      const gemeente = d.typedSearchAttributes.get(searchAttributes.Gemeente);
      if (!gemeente || d.status.name !== 'RUNNING') return 'onbekend';
      return { gemeente, casemanager: d.typedSearchAttributes.get(searchAttributes.Casemanager) ?? null };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'onbekend';
      this.metrieken.temporalFout('describe', err);
      throw new NietAfgeleverd();
    }
  }

  /** One command as a Signal (durable without a worker); the workflow audits it. */
  private async signaleer(
    trajectId: string,
    type: CommandoType,
    commandId: string,
    l: Levering,
    payload: Record<string, unknown>,
    gemeente?: string,
  ): Promise<'afgeleverd' | 'afgesloten'> {
    try {
      await this.client.connection.withDeadline(Date.now() + SIGNAAL_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(trajectWorkflowId(trajectId)).signal(commandoSignaal(type), {
          ...payload,
          commandId,
          door: l.gebruiker.sub,
          herkomst: {
            rol: l.gebruiker.rol,
            gemeente: l.gebruiker.gemeente ?? gemeente ?? null,
            requestId: l.requestId,
          },
        } as never),
      );
      this.metrieken.commandos.inc({ actie: type, uitkomst: 'geaccepteerd', code: '' });
      return 'afgeleverd';
    } catch (err) {
      this.metrieken.temporalFout('signal', err);
      if (err instanceof WorkflowNotFoundError) {
        l.audit.push(this.weigering(l, type, commandId, 'AFGESLOTEN', trajectId));
        return 'afgesloten';
      }
      throw new NietAfgeleverd();
    }
  }

  private weigering(
    l: Levering,
    actie: string,
    commandId: string,
    code: string,
    trajectId: string | null,
  ): AuditInvoer {
    return {
      gebruiker: l.gebruiker,
      actie,
      trajectId,
      commandId,
      uitkomst: 'afgewezen',
      code,
      requestId: l.requestId,
    };
  }
}

/** A BRP mutation as the rulebook's command. */
function alsCommando(m: MutatieItem): [CommandoType, Record<string, unknown>] {
  switch (m.soort) {
    case 'inschrijving':
      return ['registreerBrp', { datum: m.datum }];
    case 'verhuizing':
      return ['registreerVerhuizing', { datum: m.datum, naarGemeente: m.naarGemeente }];
    case 'overlijden':
      return ['beeindig', { datum: m.datum, reden: 'overleden' }];
    case 'emigratie':
      return ['beeindig', { datum: m.datum, reden: 'vertrokken' }];
  }
}
