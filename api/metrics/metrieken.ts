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
   * The backlog of asynchronous feed batches (all API processes together), read from Postgres at
   * each scrape (one query for both gauges); registered by the feed deliverer. The alert rules in
   * ops/prometheus/ watch the oldest batch's age. Postgres down: the last values stay.
   */
  meetWachtendeFeedLeveringen(meet: () => Promise<{ aantal: number; oudsteSeconden: number }>): void {
    if (this.registry.getSingleMetric('inburgering_feed_leveringen_wachtend')) return;
    // Both gauges collect in the same scrape (prom-client collects side by side): one query between them.
    let meting: Promise<{ aantal: number; oudsteSeconden: number }> | null = null;
    const lees = () => {
      meting ??= meet().finally(() => {
        meting = null;
      });
      return meting;
    };
    const gauge = (
      name: string,
      help: string,
      uit: (m: { aantal: number; oudsteSeconden: number }) => number,
    ) =>
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
    gauge(
      'inburgering_feed_leveringen_wachtend',
      'Asynchrone feed-leveringen die nog niet klaar zijn (alle API-processen samen)',
      (m) => m.aantal,
    );
    gauge(
      'inburgering_feed_levering_oudste_wachtend_seconden',
      'Hoe lang de oudste nog niet afgeleverde feed-levering al wacht (0: geen)',
      (m) => m.oudsteSeconden,
    );
  }

  temporalFout(operatie: string, err: unknown): void {
    this.temporalFouten.inc({ operatie, soort: soortFout(err) });
  }
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
