import { ConfigError, DEFAULTS, loadConfig } from '../../platform/config';

describe('configuratie uit de omgeving', () => {
  it('heeft embedded standaardwaarden', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe(
      `postgres://inburgering:inburgering@127.0.0.1:${DEFAULTS.embeddedPostgresPort}/inburgering`,
    );
    expect(config.temporal).toMatchObject({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'inburgering',
    });
    expect(config.api).toEqual({
      host: '127.0.0.1',
      port: 3000,
      commandTimeoutMs: 10_000,
      verzoekenPerMinuut: 600,
    });
    expect(config.dataDir).toMatch(/\.local\/data$/);
  });

  it('laat elk adres en elke poort overschrijven', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db.example:5432/x',
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      TEMPORAL_NAMESPACE: 'gm0518',
      TEMPORAL_TASK_QUEUE: 'q',
      TEMPORAL_UI_URL: 'https://ui.example',
      API_HOST: '0.0.0.0',
      API_PORT: '8080',
      DATA_DIR: '/tmp/x',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u:p@db.example:5432/x',
      temporal: {
        address: 'temporal.example:7233',
        namespace: 'gm0518',
        taskQueue: 'q',
        uiUrl: 'https://ui.example',
      },
      api: { host: '0.0.0.0', port: 8080 },
      dataDir: '/tmp/x',
      logLevel: 'debug',
    });
    expect(loadConfig({ EMBEDDED_POSTGRES_PORT: '6000' }).databaseUrl).toContain(':6000/');
  });

  it('weigert onzin met een Nederlandse melding', () => {
    expect(() => loadConfig({ API_PORT: 'drie' })).toThrow(ConfigError);
    expect(() => loadConfig({ API_PORT: '70000' })).toThrow(/poortnummer/);
    expect(() => loadConfig({ LOG_LEVEL: 'luid' })).toThrow(/LOG_LEVEL/);
  });

  it('worker-metrieken alleen op een gegeven host:poort', () => {
    expect(loadConfig({}).workerMetricsAdres).toBeNull();
    expect(loadConfig({ WORKER_METRICS_ADRES: '0.0.0.0:9464' }).workerMetricsAdres).toBe('0.0.0.0:9464');
    expect(loadConfig({ WORKER_METRICS_ADRES: '[::]:9464' }).workerMetricsAdres).toBe('[::]:9464');
    expect(() => loadConfig({ WORKER_METRICS_ADRES: '9464' })).toThrow(
      /WORKER_METRICS_ADRES moet host:poort/,
    );
    expect(() => loadConfig({ WORKER_METRICS_ADRES: 'localhost:99999' })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKER_METRICS_ADRES: 'http://x:1/metrics' })).toThrow(ConfigError);
  });
});
