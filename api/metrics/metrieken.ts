import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one API instance (its own registry, so several apps in one process,
 * as in the tests, do not share counters). Labels are routes and codes, never ids or personal data.
 */
export class Metrieken {
  readonly registry = new Registry();

  readonly verzoekDuur = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duur van HTTP-verzoeken per route (het routepatroon, geen ids)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly commandos = new Counter({
    name: 'inburgering_commandos_totaal',
    help: "Commando's per actie en uitkomst (geaccepteerd of afgewezen met de code)",
    labelNames: ['actie', 'uitkomst', 'code'] as const,
    registers: [this.registry],
  });

  readonly temporalFouten = new Counter({
    name: 'inburgering_temporal_client_fouten_totaal',
    help: 'Fouten van de Temporal-client per operatie en soort (onbereikbaar, time-out, niet gevonden, …)',
    labelNames: ['operatie', 'soort'] as const,
    registers: [this.registry],
  });

  readonly updateDuur = new Histogram({
    name: 'inburgering_temporal_update_duur_seconden',
    help: 'Duur van een commando als Temporal-Update, vanuit de API gezien (van versturen tot het antwoord van de workflow), per actie en afloop: geaccepteerd, afgewezen (door de regels), fout (geen antwoord)',
    labelNames: ['actie', 'afloop'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly feedLeveringen = new Counter({
    name: 'inburgering_feed_leveringen_totaal',
    help: 'Asynchrone feed-leveringen (Prefer: respond-async) per soort en afloop: aangenomen, afgeleverd, later_opnieuw',
    labelNames: ['soort', 'afloop'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Times one command sent as a Temporal Update (`updateDuur`): what part of a request's time is the
   * round trip through Temporal and the traject workflow (its workflow task, local activity included).
   */
  async meetUpdate<T>(actie: string, update: () => Promise<T>): Promise<T> {
    const klaar = this.updateDuur.startTimer({ actie });
    try {
      const resultaat = await update();
      klaar({ afloop: 'geaccepteerd' });
      return resultaat;
    } catch (err) {
      klaar({ afloop: err instanceof WorkflowUpdateFailedError ? 'afgewezen' : 'fout' });
      throw err;
    }
  }

  /**
   * The backlog of asynchronous feed batches (all API processes together), read from Postgres at
   * each scrape (one query for both gauges); registered by the feed deliverer. The alert rules in
   * ops/prometheus/ watch the oldest batch's age. Postgres down: the last values stay.
   */
  meetWachtendeFeedLeveringen(meet: () => Promise<{ aantal: number; oudsteSeconden: number }>): void {
    if (this.registry.getSingleMetric('inburgering_feed_leveringen_wachtend')) return;
    const lees = eenPerScrape(meet);
    this.gaugeUitPostgres(
      'inburgering_feed_leveringen_wachtend',
      'Asynchrone feed-leveringen die nog niet klaar zijn (alle API-processen samen)',
      lees,
      (m) => m.aantal,
    );
    this.gaugeUitPostgres(
      'inburgering_feed_levering_oudste_wachtend_seconden',
      'Hoe lang de oudste nog niet afgeleverde feed-levering al wacht (0: geen)',
      lees,
      (m) => m.oudsteSeconden,
    );
  }

  /**
   * The nightly run (escalatieronde): when the last one ended and with how many errors, read from
   * Postgres at each scrape. Nothing else would show a night that did not run; the alert rules in
   * ops/prometheus/ watch both.
   */
  meetNachtelijkeRonde(meet: () => Promise<{ eindeSeconden: number; fouten: number } | null>): void {
    if (this.registry.getSingleMetric('inburgering_nachtelijke_ronde_laatste_einde_seconden')) return;
    const lees = eenPerScrape(meet);
    this.gaugeUitPostgres(
      'inburgering_nachtelijke_ronde_laatste_einde_seconden',
      'Wanneer de laatste nachtelijke ronde eindigde (Unix-tijd in seconden; 0: nog nooit)',
      lees,
      (m) => m?.eindeSeconden ?? 0,
    );
    this.gaugeUitPostgres(
      'inburgering_nachtelijke_ronde_laatste_fouten',
      'Fouten die de laatst geëindigde nachtelijke ronde vastlegde',
      lees,
      (m) => m?.fouten ?? 0,
    );
  }

  private gaugeUitPostgres<T>(
    name: string,
    help: string,
    lees: () => Promise<T>,
    uit: (m: T) => number,
  ): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        try {
          this.set(uit(await lees()));
        } catch {
          // Postgres down: keep the last value; /metrics still answers.
        }
      },
    });
  }

  temporalFout(operatie: string, err: unknown): void {
    this.temporalFouten.inc({ operatie, soort: soortFout(err) });
  }
}

/** Gauges of one scrape share one query (prom-client collects them side by side). */
function eenPerScrape<T>(meet: () => Promise<T>): () => Promise<T> {
  let meting: Promise<T> | null = null;
  return () => {
    meting ??= meet().finally(() => {
      meting = null;
    });
    return meting;
  };
}

const GRPC: Record<number, string> = {
  1: 'geannuleerd',
  4: 'time-out',
  5: 'niet_gevonden',
  6: 'bestaat_al',
  8: 'te_druk',
  14: 'onbereikbaar',
};

function soortFout(err: unknown): string {
  const naam = (err as { name?: string } | null)?.name ?? '';
  if (naam === 'WorkflowNotFoundError') return 'niet_gevonden';
  if (naam === 'WorkflowUpdateRPCTimeoutOrCancelledError') return 'time-out';
  const code = (err as { code?: number } | null)?.code;
  if (typeof code === 'number' && GRPC[code]) return GRPC[code];
  return 'overig';
}
