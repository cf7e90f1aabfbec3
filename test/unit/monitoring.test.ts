import fs from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { Metrieken } from '../../api/metrics/metrieken';

// The monitoring that ships with the compose topology (ops/prometheus/, service `prometheus`). No
// Prometheus runs here: this holds its configuration to the compose file, every alert's query to
// PromQL's grammar (Prometheus's own Lezer parser) and to the metrics the API really exports.
const root = path.resolve(__dirname, '..', '..');
const lees = (bestand: string) => parse(fs.readFileSync(path.join(root, bestand), 'utf8'), { merge: true });

interface Regel {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const compose = lees('docker-compose.yml');
const prometheus = lees('ops/prometheus/prometheus.yml');
const regels: Regel[] = (lees('ops/prometheus/regels.yml').groups as { rules: Regel[] }[]).flatMap(
  (g) => g.rules,
);
const dienst = compose.services.prometheus as {
  volumes: string[];
  configs: { source: string; target: string }[];
  networks: string[];
  ports: string[];
};
const jobs = prometheus.scrape_configs as {
  job_name: string;
  metrics_path: string;
  authorization?: { type: string; credentials_file: string };
  static_configs?: { targets: string[] }[];
  dns_sd_configs?: { names: string[]; type: string; port: number }[];
}[];
const job = jobs.find((j) => j.job_name === 'inburgering-api') as (typeof jobs)[number] & {
  authorization: { type: string; credentials_file: string };
  static_configs: { targets: string[] }[];
};
const workerJob = jobs.find((j) => j.job_name === 'inburgering-worker');

/**
 * The Temporal SDK core that the workers run (its native library, as installed): a worker metric or
 * label a rule names must be one it defines (core adds the `temporal_` prefix, Prometheus the
 * histogram suffixes).
 */
const sdkCore = fs.readFileSync(
  (require('@temporalio/core-bridge/common') as { getPrebuiltPath(): string }).getPrebuiltPath(),
);
const inSdkCore = (naam: string) => sdkCore.includes(Buffer.from(naam));

/** Every metric the API exports, with its label names (the feed backlog gauges included). */
function apiMetrieken(): Map<string, string[]> {
  const m = new Metrieken();
  m.meetWachtendeFeedLeveringen(async () => ({ aantal: 0, oudsteSeconden: 0 }));
  m.meetNachtelijkeRonde(async () => null);
  const namen = new Map<string, string[]>();
  for (const metriek of m.registry.getMetricsAsArray()) {
    const { name, labelNames = [] } = metriek as unknown as { name: string; labelNames?: string[] };
    namen.set(name, labelNames);
    for (const achtervoegsel of ['_count', '_sum', '_bucket'])
      namen.set(`${name}${achtervoegsel}`, [...labelNames, ...(achtervoegsel === '_bucket' ? ['le'] : [])]);
  }
  // Prometheus's own series per target.
  namen.set('up', ['job', 'instance']);
  return namen;
}

/** The selectors of a PromQL expression (metric and label names), or the parse errors. */
function ontleed(expr: string): { fouten: number; selectors: { metriek: string; labels: string[] }[] } {
  let fouten = 0;
  const selectors: { metriek: string; labels: string[] }[] = [];
  const boom = parser.parse(expr);
  boom.iterate({
    enter(knoop) {
      if (knoop.type.isError) fouten += 1;
      if (knoop.name !== 'VectorSelector') return;
      const ident = knoop.node.getChild('Identifier');
      const labels: string[] = [];
      knoop.node
        .getChild('LabelMatchers')
        ?.cursor()
        .iterate((k) => {
          if (k.name === 'LabelName') labels.push(expr.slice(k.from, k.to));
        });
      selectors.push({ metriek: ident ? expr.slice(ident.from, ident.to) : '', labels });
    },
  });
  return { fouten, selectors };
}

describe('monitoring (ops/prometheus)', () => {
  it('Prometheus schraapt de API van de compose-topologie, met het scrape-token, en laadt de regels', () => {
    const api = compose.services.api;
    expect(job.static_configs[0].targets).toEqual([`api:${api.environment.API_PORT}`]);
    expect(job.metrics_path).toBe('/metrics');
    expect(job.authorization.type).toBe('Bearer');
    // The token file is the compose config that holds METRICS_TOKEN, which the API also gets.
    const token = dienst.configs.find((c) => c.target === job.authorization.credentials_file);
    expect(compose.configs[token?.source ?? '']?.content).toMatch(/^\$\{METRICS_TOKEN:\?/);
    expect(api.environment.METRICS_TOKEN).toMatch(/^\$\{METRICS_TOKEN:\?/);
    // Config and rules are the files in ops/prometheus, mounted where prometheus.yml looks.
    const gekoppeld = new Map(dienst.volumes.map((v) => [v.split(':')[1], v.split(':')[0]]));
    expect(gekoppeld.get('/etc/prometheus/prometheus.yml')).toBe('./ops/prometheus/prometheus.yml');
    for (const bestand of prometheus.rule_files as string[])
      expect(fs.existsSync(path.join(root, gekoppeld.get(bestand) ?? 'ontbreekt'))).toBe(true);
    // Internal network only; its UI on the host's loopback.
    expect(dienst.networks).toEqual(['intern']);
    expect(dienst.ports.every((p) => p.startsWith('127.0.0.1:'))).toBe(true);
  });

  it('er zijn regels voor API, Temporal, de feed-achterstand en de nachtelijke ronde, elk met ernst en Nederlandse toelichting', () => {
    expect(regels.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'InburgeringApiOnbereikbaar',
        'InburgeringTemporalOnbereikbaar',
        'FeedLeveringWachtTeLang',
        'NachtelijkeRondeNietGedraaid',
        'NachtelijkeRondeMetFouten',
      ]),
    );
    expect(new Set(regels.map((r) => r.alert)).size).toBe(regels.length);
    for (const r of regels) {
      expect(['kritiek', 'waarschuwing']).toContain(r.labels?.ernst);
      expect(r.annotations?.samenvatting?.length).toBeGreaterThan(10);
      expect(r.annotations?.beschrijving?.length).toBeGreaterThan(20);
      if (r.for !== undefined) expect(r.for).toMatch(/^\d+[smh]$/);
    }
  });

  it.each(regels.map((r) => [r.alert, r.expr]))(
    '%s: geldige PromQL over metrieken en labels die de API echt exporteert',
    (_naam, expr) => {
      const { fouten, selectors } = ontleed(expr);
      expect(fouten).toBe(0);
      expect(selectors.length).toBeGreaterThan(0);
      const bekend = apiMetrieken();
      for (const s of selectors) {
        if (s.metriek.startsWith('temporal_')) {
          // A worker metric: defined by the SDK core the workers run, with its labels.
          const kern = s.metriek.replace(/^temporal_/, '').replace(/_(bucket|count|sum)$/, '');
          expect(inSdkCore(kern) ? s.metriek : `onbekende SDK-metriek ${s.metriek}`).toBe(s.metriek);
          for (const label of s.labels) if (label !== 'le') expect(inSdkCore(label)).toBe(true);
          continue;
        }
        expect(bekend.has(s.metriek) ? s.metriek : `onbekende metriek ${s.metriek}`).toBe(s.metriek);
        for (const label of s.labels) expect(bekend.get(s.metriek)).toContain(label);
      }
      // `up` only for a job Prometheus scrapes; a task queue is the workers' own.
      for (const [, naam] of expr.matchAll(/job="([^"]+)"/g))
        expect(jobs.map((j) => j.job_name)).toContain(naam);
      for (const [, rij] of expr.matchAll(/task_queue="([^"]+)"/g))
        expect(rij).toBe(compose.services.worker.environment.TEMPORAL_TASK_QUEUE);
    },
  );

  it('de controle vangt een tikfout: een onbekende metriek en een kapotte query', () => {
    const bekend = apiMetrieken();
    expect(ontleed('sum(rate(inburgering_feed_leveringen_totaal[5m]) >').fouten).toBeGreaterThan(0);
    const { selectors } = ontleed('inburgering_feed_levering_wachtend > 0');
    expect(bekend.has(selectors[0].metriek)).toBe(false);
    expect(inSdkCore('workflow_task_execution_failed')).toBe(true);
    expect(inSdkCore('workflow_task_execution_faild')).toBe(false);
  });

  it('Prometheus vindt elke worker-replica op de poort waar de worker zijn SDK-metrieken geeft', () => {
    const worker = compose.services.worker;
    const adres: string = worker.environment.WORKER_METRICS_ADRES;
    expect(adres).toMatch(/^0\.0\.0\.0:\d+$/);
    expect(workerJob?.dns_sd_configs).toEqual([
      { names: ['worker'], type: 'A', port: Number(adres.split(':')[1]) },
    ]);
    expect(workerJob?.metrics_path).toBe('/metrics');
    // Not published: the worker stays on the internal network.
    expect(worker.ports).toBeUndefined();
    expect(worker.networks).toEqual(['intern']);
    expect(regels.map((r) => r.alert)).toEqual(
      expect.arrayContaining(['InburgeringGeenWorker', 'InburgeringWorkflowTakenFalen']),
    );
  });
});
