import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { z } from 'zod';
import type { Herkomst } from '../../contract/audit';
import { trajectWorkflowId } from '../../contract/ids';
import { searchAttributes } from '../../contract/search-attributes';
import {
  type CommandoInReeks,
  type CommandoType,
  commandoReeksSignaal,
} from '../../contract/traject-workflow';
import type { Db } from '../../platform/persistence/repositories';
import { AuditService } from '../audit';
import type { AangemeldeGebruiker } from '../auth';
import { magGemeente } from '../auth';
import { bronCommandId } from '../common/beveiliging';
import { veldFouten } from '../common/zod-body.pipe';
import { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';
import { VerwerkingService } from '../verwerkingen/verwerking.service';
import { besluitItem, examenresultaatItem } from './feeds.dto';
import type { LeveringAntwoord, VerwerkteLevering } from './levering';

export type ItemUitkomst = 'afgeleverd' | 'ongeldig' | 'onbekend_traject' | 'afgesloten' | 'niet_afgeleverd';

export interface ItemResultaat {
  index: number;
  uitkomst: ItemUitkomst;
  /** The stable commandId derived from the item: the same item sent again gets the same one. */
  commandId?: string;
  trajectId?: string;
  fouten?: { veld: string; melding: string }[];
}

export type FeedAntwoord = LeveringAntwoord<ItemResultaat>;

/** An item as read from the batch, before its traject is known. */
interface Gelezen {
  soort: string;
  item: Record<string, unknown>;
  type: CommandoType;
  payload: Record<string, unknown>;
}

interface Bericht {
  index: number;
  trajectId: string;
  commandId: string;
  type: CommandoType;
  payload: Record<string, unknown>;
}

/** Trajecten in flight at once (lookup + Signal); measured with `npm run bench:feeds` (issue 14). */
const PARALLEL = 32;
const PARALLEL_BSN = 8;
const SIGNAAL_TIMEOUT_MS = 10_000;
/** One lookup of a traject's gemeente in Temporal, and all of a batch's lookups together (issue 13). */
const OPZOEK_TIMEOUT_MS = 3_000;
const OPZOEK_BUDGET_MS = 20_000;

/** Runs `fn` over `items` with at most `n` at a time; results in the items' order. */
async function metGrens<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const uit: R[] = new Array(items.length);
  let volgende = 0;
  const werker = async () => {
    while (volgende < items.length) {
      const i = volgende++;
      uit[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, werker));
  return uit;
}

/** Stable commandId for a feed item: DUO's reference when given, else a hash of its content. */
export function feedCommandId(soort: string, item: Record<string, unknown>): string {
  if (typeof item.referentie === 'string') return bronCommandId('duo', `${soort}:${item.referentie}`);
  const inhoud = Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)));
  return bronCommandId(
    'duo',
    `${soort}:${createHash('sha256').update(JSON.stringify(inhoud)).digest('hex').slice(0, 40)}`,
  );
}

type Examen = z.infer<typeof examenresultaatItem>;
type Besluit = z.infer<typeof besluitItem>;

function alsExamen(item: Examen): Pick<Bericht, 'type' | 'payload'> {
  const { referentie: _r, trajectId: _t, bsn: _b, ...velden } = item;
  return { type: 'registreerExamenresultaat', payload: velden };
}

function alsBesluit(item: Besluit): Pick<Bericht, 'type' | 'payload'> {
  switch (item.soort) {
    case 'verlenging': {
      const { soort: _s, referentie: _r, trajectId: _t, bsn: _b, ...velden } = item;
      return { type: 'registreerVerlenging', payload: velden };
    }
    case 'ontheffing': {
      const { soort: _s, referentie: _r, trajectId: _t, bsn: _b, ...velden } = item;
      return { type: 'registreerOntheffing', payload: velden };
    }
    case 'vooraankondiging':
      return { type: 'registreerVooraankondiging', payload: { datum: item.datum } };
    case 'boete':
      return { type: 'registreerDuoBoete', payload: { datum: item.datum, bedrag: item.bedrag } };
  }
}

/**
 * DUO feeds: each item becomes a Signal to its traject's workflow (accepted even when no worker
 * runs; the rulebook then applies or rejects it, and a rejected one shows under `afgewezen` in
 * the traject's status). The commandId is derived from the item, so a batch sent again is
 * applied once: the decider ignores a commandId it has seen.
 */
@Injectable()
export class FeedsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly audit: AuditService,
    private readonly metrieken: Metrieken,
    private readonly inburgeraars: InburgeraarService,
    private readonly verwerking: VerwerkingService,
  ) {}

  /** The batch handled; recording it is the caller's (`FeedLeveringService`: at once, or at the batch's end). */
  verwerkExamenresultaten(
    items: unknown[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<VerwerkteLevering<FeedAntwoord>> {
    return this.verwerk(items, gebruiker, requestId, (ruw) => {
      const r = examenresultaatItem.safeParse(ruw);
      if (!r.success) return r.error;
      return { soort: 'examen', item: r.data, ...alsExamen(r.data) };
    });
  }

  verwerkBesluiten(
    items: unknown[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<VerwerkteLevering<FeedAntwoord>> {
    return this.verwerk(items, gebruiker, requestId, (ruw) => {
      const r = besluitItem.safeParse(ruw);
      if (!r.success) return r.error;
      return { soort: r.data.soort, item: r.data, ...alsBesluit(r.data) };
    });
  }

  private async verwerk(
    items: unknown[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
    lees: (item: unknown) => Gelezen | z.ZodError,
  ): Promise<VerwerkteLevering<FeedAntwoord>> {
    const resultaten: ItemResultaat[] = new Array(items.length);
    const gelezen: (Gelezen & { index: number })[] = [];
    items.forEach((item, index) => {
      const g = lees(item);
      if ('issues' in g) {
        resultaten[index] = { index, uitkomst: 'ongeldig', fouten: veldFouten(g as z.ZodError) };
      } else {
        gelezen.push({ index, ...g });
      }
    });
    const berichten = await this.zoekTrajecten(gelezen, gebruiker, requestId, resultaten);

    // One pipeline per traject (issue 14): its gemeente looked up once (describe), then one Signal with
    // all of its items in the batch's order, at most PARALLEL trajecten at a time; no phase waits for
    // the slowest lookup of the whole batch. Every item of a traject shares the traject's outcome.
    const perTraject = new Map<string, Bericht[]>();
    for (const b of berichten) {
      const reeks = perTraject.get(b.trajectId);
      if (reeks) reeks.push(b);
      else perTraject.set(b.trajectId, [b]);
    }
    const gemeenteVan = this.gemeenten();
    await metGrens([...perTraject], PARALLEL, async ([trajectId, reeks]) => {
      const zet = (uitkomst: ItemUitkomst) => {
        for (const b of reeks)
          resultaten[b.index] = { index: b.index, commandId: b.commandId, trajectId, uitkomst };
      };
      const gemeente = await gemeenteVan(trajectId);
      if (gemeente === 'onbereikbaar') return zet('niet_afgeleverd');
      if (!gemeente || !magGemeente(gebruiker, gemeente)) return zet('onbekend_traject');
      zet(
        await this.signaleer(trajectId, reeks, gebruiker, {
          rol: gebruiker.rol,
          gemeente: gebruiker.gemeente ?? gemeente,
          requestId,
        }),
      );
    });
    for (const b of berichten) {
      if (resultaten[b.index].uitkomst === 'afgeleverd') {
        this.metrieken.commandos.inc({ actie: b.type, uitkomst: 'geaccepteerd', code: '' });
      }
    }
    return {
      antwoord: {
        ontvangen: items.length,
        afgeleverd: resultaten.filter((r) => r.uitkomst === 'afgeleverd').length,
        resultaten,
      },
      nietAfgeleverd: resultaten.some((r) => r.uitkomst === 'niet_afgeleverd'),
      // Delivered items are audited by their workflow; the rest must be too before the batch is answered.
      vastleggen: (db) => this.auditeer(berichten, resultaten, gebruiker, requestId, db),
    };
  }

  /** A traject's items as one Signal (`commandoReeks`), each with its own commandId: applied once each. */
  private async signaleer(
    trajectId: string,
    reeks: Bericht[],
    gebruiker: AangemeldeGebruiker,
    herkomst: Herkomst,
  ): Promise<ItemUitkomst> {
    const commandos = reeks.map(
      (b) =>
        ({
          type: b.type,
          bericht: { ...b.payload, commandId: b.commandId, door: gebruiker.sub, herkomst },
        }) as CommandoInReeks,
    );
    try {
      await this.client.connection.withDeadline(Date.now() + SIGNAAL_TIMEOUT_MS, () =>
        this.client.workflow
          .getHandle(trajectWorkflowId(trajectId))
          .signal(commandoReeksSignaal, { commandos }),
      );
      return 'afgeleverd';
    } catch (err) {
      this.metrieken.temporalFout('signal', err);
      if (err instanceof WorkflowNotFoundError) return 'afgesloten';
      return 'niet_afgeleverd';
    }
  }

  /**
   * Items that name the person by BSN go to that person's open traject in the caller's gemeente (the
   * blind index finds them; the BSN itself goes no further: not in the commandId, not in the payload).
   */
  private async zoekTrajecten(
    gelezen: (Gelezen & { index: number })[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
    resultaten: ItemResultaat[],
  ): Promise<Bericht[]> {
    const personen: string[] = [];
    // The blind-index lookups of a batch run side by side (bounded), not one after the other.
    const gevonden = await metGrens(gelezen, PARALLEL_BSN, async (g) => {
      const bsn = (g.item as { bsn?: string }).bsn;
      if (bsn === undefined || !gebruiker.gemeente) return null;
      return this.inburgeraars.openTrajectVanBsn(bsn, gebruiker.gemeente);
    });
    const berichten: Bericht[] = [];
    gelezen.forEach((g, i) => {
      const { bsn, ...zonderBsn } = g.item as Record<string, unknown> & { bsn?: string; trajectId?: string };
      let trajectId = zonderBsn.trajectId;
      if (bsn !== undefined) {
        const open = gevonden[i];
        if (!open) {
          resultaten[g.index] = { index: g.index, uitkomst: 'onbekend_traject' };
          return;
        }
        trajectId = open.trajectId;
        personen.push(open.inburgeraarId);
      }
      berichten.push({
        index: g.index,
        trajectId: trajectId as string,
        commandId: feedCommandId(g.soort, { ...zonderBsn, trajectId }),
        type: g.type,
        payload: g.payload,
      });
    });
    await this.verwerking.log(gebruiker, {
      actie: 'duo-levering op bsn',
      handeling: 'zoeken',
      inburgeraarIds: personen,
      soorten: ['bsn'],
      requestId,
    });
    return berichten;
  }

  /**
   * Gemeente per traject, from Temporal (the workflow's `Gemeente` search attribute read by describe,
   * i.e. from the workflow's current state: right after a verhuizing, and not dependent on Postgres;
   * visibility could lag behind a verhuizing, so it is not used here). One describe per traject of
   * the batch, shared by its items. Bounded (issue 13): each within OPZOEK_TIMEOUT_MS, all within
   * OPZOEK_BUDGET_MS of the first; what is left after that, or what Temporal did not answer, is
   * `onbereikbaar` (the item is not delivered: 503, send again).
   */
  private gemeenten(): (trajectId: string) => Promise<string | 'onbereikbaar' | undefined> {
    const opzoekingen = new Map<string, Promise<string | 'onbereikbaar' | undefined>>();
    const grens = Date.now() + OPZOEK_BUDGET_MS;
    const zoek = async (id: string): Promise<string | 'onbereikbaar' | undefined> => {
      if (Date.now() > grens) return 'onbereikbaar';
      try {
        const d = await this.client.connection.withDeadline(
          Math.min(grens, Date.now() + OPZOEK_TIMEOUT_MS),
          () => this.client.workflow.getHandle(trajectWorkflowId(id)).describe(),
        );
        return d.typedSearchAttributes.get(searchAttributes.Gemeente);
      } catch (err) {
        // Unknown workflow: stays unknown. Anything else: Temporal did not answer in time.
        if (err instanceof WorkflowNotFoundError) return undefined;
        this.metrieken.temporalFout('describe', err);
        return 'onbereikbaar';
      }
    };
    return (id) => {
      let p = opzoekingen.get(id);
      if (!p) {
        p = zoek(id);
        opzoekingen.set(id, p);
      }
      return p;
    };
  }

  /**
   * One audit row per item that never reached the rulebook (unknown traject, closed, not delivered),
   * in one INSERT. A delivered item is audited by its workflow: applied or rejected by the rulebook.
   */
  private async auditeer(
    berichten: Bericht[],
    resultaten: ItemResultaat[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
    db?: Db,
  ): Promise<void> {
    await this.audit.schrijfAlle(
      berichten
        .filter((b) => resultaten[b.index].uitkomst !== 'afgeleverd')
        .map((b) => {
          const uitkomst = resultaten[b.index].uitkomst;
          return {
            gebruiker,
            actie: b.type,
            trajectId: uitkomst === 'onbekend_traject' ? null : b.trajectId,
            commandId: b.commandId,
            uitkomst: uitkomst === 'afgeleverd' ? 'geaccepteerd' : 'afgewezen',
            code: uitkomst === 'afgeleverd' ? null : uitkomst.toUpperCase(),
            requestId,
          };
        }),
      db,
    );
  }
}
