import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Sleutelkluis } from '../../platform/crypto';
import { Logger } from '../../platform/logger';
import {
  FeedLeveringRepository,
  type FeedLeveringRij,
  type FeedLeveringStatus,
  feedLeveringVeld,
} from '../../platform/persistence/repositories';
import type { AangemeldeGebruiker } from '../auth';
import { ProblemException, problem } from '../common/problem';
import { DATA_SOURCE } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';
import { UUID } from '../trajecten/traject-id';
import { FeedsService } from './feeds.service';
import { KetenFeedsService } from './keten.service';
import { beantwoord, type LeveringAntwoord, type VerwerkteLevering } from './levering';

/** The feed routes, `<bron>-<feed>`; stored with a batch, so its deliverer knows the route's code. */
export type FeedSoort =
  | 'duo-examenresultaten'
  | 'duo-besluiten'
  | 'duo-kennisgevingen'
  | 'coa-koppelingen'
  | 'brp-mutaties';

/** What a 202 says: where to ask, and how many items were taken in. */
export interface LeveringOntvangen {
  id: string;
  status: FeedLeveringStatus;
  ontvangen: number;
  statusUrl: string;
}

/** `GET /api/v1/feeds/{bron}/leveringen/{id}`: the batch's state; the per-item results once it is done. */
export interface LeveringStatusView {
  id: string;
  soort: string;
  status: FeedLeveringStatus;
  ontvangen: number;
  /** Attempts so far (more than one: Temporal did not take every item at first, or a process stopped). */
  pogingen: number;
  ontvangenOp: string;
  klaarOp: string | null;
  afgeleverd: number | null;
  resultaten: unknown[] | null;
}

const log = new Logger('api.feed-levering');
/** How long a process holds a batch it is delivering; after that another process may take it over. */
const LEASE_SECONDEN = 120;
/** An idle deliverer looks for work this often (another API process may have accepted a batch). */
const WACHT_MS = 1_000;
/** Not everything delivered: the next attempt after 5 s, 10 s, 20 s … at most 5 minutes. */
const opnieuwNa = (pogingen: number): number => Math.min(300, 5 * 2 ** Math.min(6, pogingen - 1));
/** A done batch's results stay this long for its sender to collect, then the row goes. */
export const BEWAAR_DAGEN = 30;
const OPRUIMEN_ELKE_MS = 60 * 60 * 1000;

/**
 * Issue 14: a feed batch accepted in well under a second. With `Prefer: respond-async` the batch
 * is stored (items encrypted under the master key) and answered 202 with a status URL; this
 * service's deliverer, in every API process, then hands it to the same code as the synchronous
 * path (`FeedsService`/`KetenFeedsService`): the same lookups, Signals, commandIds and outcomes.
 * The batch's own audit rows and processing log are written in one transaction with its end, so a
 * batch that a crashed process left half done and another one finished is audited once; its items
 * reach each workflow once because their commandIds are stable. Items Temporal did not take are
 * tried again later (the whole batch; what was delivered counts once), never answered as lost.
 */
@Injectable()
export class FeedLeveringService implements OnApplicationBootstrap, OnModuleDestroy {
  private gestopt = true;
  private lus: Promise<void> | null = null;
  private wekker: (() => void) | null = null;
  /** A batch was accepted (or a stop asked) since the deliverer last looked. */
  private gewekt = false;
  private opgeruimd = 0;

  constructor(
    private readonly feeds: FeedsService,
    private readonly keten: KetenFeedsService,
    private readonly leveringen: FeedLeveringRepository,
    private readonly kluis: Sleutelkluis,
    @Inject(DATA_SOURCE) private readonly dataSource: Pick<DataSource, 'transaction'>,
    private readonly metrieken: Metrieken,
  ) {
    metrieken.meetWachtendeFeedLeveringen(() => leveringen.wachtend());
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Starts this process's deliverer (at application start). */
  start(): void {
    if (!this.gestopt) return;
    this.gestopt = false;
    this.lus = this.draai();
  }

  /** Stops the deliverer after the batch in hand (what is left stays for the next start or process). */
  async stop(): Promise<void> {
    this.gestopt = true;
    this.wek();
    await this.lus;
    this.lus = null;
  }

  /** The synchronous answer: delivered now, recorded, 200 (or 503 with the per-item results). */
  async lever(
    soort: FeedSoort,
    items: unknown[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<LeveringAntwoord> {
    return beantwoord(await this.verwerker(soort)(items, gebruiker, requestId));
  }

  /** Stores the batch (202): from here on it is not lost, whatever stops. */
  async neemAan(
    soort: FeedSoort,
    items: unknown[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<LeveringOntvangen> {
    const id = randomUUID();
    const versleuteld = await this.kluis.versleutelTekst(
      `m:${this.kluis.ring.actief}`,
      feedLeveringVeld(id),
      JSON.stringify(items),
    );
    await this.leveringen.voegToe({
      id,
      soort,
      client: gebruiker.sub,
      gebruiker,
      requestId,
      aantal: items.length,
      items: versleuteld,
    });
    this.metrieken.feedLeveringen.inc({ soort, afloop: 'aangenomen' });
    this.wek();
    // Under the route's source (the soort's prefix): a feed client may call only its source's routes.
    const statusUrl = `/api/v1/feeds/${soort.slice(0, soort.indexOf('-'))}/leveringen/${id}`;
    return { id, status: 'in_behandeling', ontvangen: items.length, statusUrl };
  }

  /** The batch's state for the client that sent it; anyone else (or an unknown id) gets 404. */
  async status(id: string, gebruiker: AangemeldeGebruiker): Promise<LeveringStatusView> {
    const rij = UUID.test(id) ? await this.leveringen.vind(id) : null;
    if (!rij || !vanClient(rij, gebruiker)) {
      throw new ProblemException(problem(404, 'Onbekende levering', { code: 'ONBEKENDE_LEVERING' }));
    }
    return {
      id: rij.id,
      soort: rij.soort,
      status: rij.status,
      ontvangen: rij.aantal,
      pogingen: rij.pogingen,
      ontvangenOp: rij.ontvangenOp,
      klaarOp: rij.klaarOp,
      afgeleverd: rij.afgeleverd,
      resultaten: rij.resultaten,
    };
  }

  /** Takes one due batch and delivers it; false when none was due. */
  async bezorgVolgende(): Promise<boolean> {
    const rij = await this.leveringen.claim(LEASE_SECONDEN);
    if (!rij) return false;
    await this.bezorg(rij);
    return true;
  }

  /**
   * Delivers a claimed batch: `klaar` (results kept, audited, items gone), `later` (Temporal did
   * not take every item: another attempt later, nothing recorded), or `al_klaar` (another process,
   * whose lease overlapped this one's, finished it first: this one's audit rows are rolled back).
   */
  async bezorg(rij: FeedLeveringRij): Promise<'klaar' | 'later' | 'al_klaar'> {
    const items = JSON.parse(
      await this.kluis.ontsleutelTekst(feedLeveringVeld(rij.id), rij.items as string),
    ) as unknown[];
    const gebruiker = rij.gebruiker as AangemeldeGebruiker;
    const v = await this.verwerker(rij.soort as FeedSoort)(items, gebruiker, rij.requestId);
    if (v.nietAfgeleverd) {
      const seconden = opnieuwNa(rij.pogingen);
      log.warn('levering niet volledig afgeleverd; later opnieuw', { levering: rij.id, seconden });
      await this.leveringen.probeerLater(rij.id, seconden);
      this.metrieken.feedLeveringen.inc({ soort: rij.soort, afloop: 'later_opnieuw' });
      return 'later';
    }
    try {
      await this.dataSource.transaction(async (db) => {
        await v.vastleggen(db);
        if (!(await this.leveringen.rondAf(rij.id, v.antwoord.afgeleverd, v.antwoord.resultaten, db))) {
          throw new AlAfgerond();
        }
      });
    } catch (err) {
      if (err instanceof AlAfgerond) return 'al_klaar';
      throw err;
    }
    this.metrieken.feedLeveringen.inc({ soort: rij.soort, afloop: 'afgeleverd' });
    log.info('levering afgeleverd', {
      levering: rij.id,
      soort: rij.soort,
      items: rij.aantal,
      afgeleverd: v.antwoord.afgeleverd,
      poging: rij.pogingen,
    });
    return 'klaar';
  }

  private verwerker(
    soort: FeedSoort,
  ): (items: unknown[], g: AangemeldeGebruiker, requestId: string) => Promise<VerwerkteLevering> {
    switch (soort) {
      case 'duo-examenresultaten':
        return (i, g, r) => this.feeds.verwerkExamenresultaten(i, g, r);
      case 'duo-besluiten':
        return (i, g, r) => this.feeds.verwerkBesluiten(i, g, r);
      case 'duo-kennisgevingen':
        return (i, g, r) => this.keten.verwerkKennisgevingen(i, g, r);
      case 'coa-koppelingen':
        return (i, g, r) => this.keten.verwerkKoppelingen(i, g, r);
      case 'brp-mutaties':
        return (i, g, r) => this.keten.verwerkMutaties(i, g, r);
    }
  }

  /** Removes done batches older than BEWAAR_DAGEN (hourly, from the deliverer's loop). */
  ruimOp(): Promise<number> {
    this.opgeruimd = Date.now();
    return this.leveringen.ruimOp(BEWAAR_DAGEN);
  }

  private async draai(): Promise<void> {
    while (!this.gestopt) {
      let gedaan = false;
      try {
        if (Date.now() - this.opgeruimd > OPRUIMEN_ELKE_MS) await this.ruimOp();
        gedaan = await this.bezorgVolgende();
      } catch (err) {
        // Postgres down (or a key missing): the batch's lease runs out and it is taken again. Only
        // the kind of error is logged (a message could carry input).
        log.warn('levering onderbroken; volgt opnieuw na de lease', {
          fout: err instanceof Error ? err.name : typeof err,
        });
      }
      if (!gedaan && !this.gestopt) await this.wacht(WACHT_MS);
    }
  }

  private wek(): void {
    this.gewekt = true;
    this.wekker?.();
  }

  private wacht(ms: number): Promise<void> {
    if (this.gewekt) {
      this.gewekt = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const klaar = () => {
        clearTimeout(t);
        this.wekker = null;
        this.gewekt = false;
        resolve();
      };
      const t = setTimeout(klaar, ms);
      this.wekker = klaar;
    });
  }
}

/** The same feed client: its subject and, for a feed token, its source. */
function vanClient(rij: FeedLeveringRij, gebruiker: AangemeldeGebruiker): boolean {
  const bron = (rij.gebruiker as AangemeldeGebruiker).bron;
  return rij.client === gebruiker.sub && bron === gebruiker.bron;
}

class AlAfgerond extends Error {}
