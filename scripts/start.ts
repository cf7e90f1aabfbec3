import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { Logger } from '../platform/logger';
import { type Stapel, startStapel } from './stapel';

/**
 * `npm start`: everything on one machine (scripts/stapel.ts), supervised: a part that dies is
 * started again with backoff and logged (scripts/supervisor.ts). Ctrl-C stops every part.
 */
async function main(): Promise<void> {
  const t0 = Date.now();
  const config = loadConfig();
  const log = new Logger('start', config.logLevel);
  // This process owns Ctrl-C: the SDK runtime must not exit on SIGINT before the children are stopped.
  Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
  let stapel: Stapel | undefined;
  let stoppen = false;
  const shutdown = async (code: number): Promise<void> => {
    if (stoppen) return;
    stoppen = true;
    console.log('\nStoppen...');
    await stapel?.stop();
    console.log('Alles gestopt.');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }

  try {
    stapel = await startStapel();
    if (stoppen) return;
    const s = stapel;
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      [
        '',
        `Inburgering draait (klaar in ${seconds} s). Stoppen: Ctrl-C.`,
        `  Webapplicatie ${s.apiUrl}/${s.config.auth.modus === 'lokaal' ? '   (lokale ontwikkelmodus: kies rol en gemeente bij het aanmelden)' : ''}`,
        `  API           ${s.apiUrl}/api/v1/trajecten`,
        `  OpenAPI-docs  ${s.apiUrl}/api/docs`,
        `  Health        ${s.apiUrl}/health`,
        `  Token         npm run -s token -- --rol casemanager --gemeente GM0518   (Authorize in de docs)`,
        ...(s.temporalUi
          ? [`  Temporal UI   ${s.temporalUi}/namespaces/${s.config.temporal.namespace}/workflows`]
          : []),
        `  Postgres      ${s.postgresData ? `embedded, data in ${s.postgresData}` : 'extern (DATABASE_URL)'}`,
        `  Sleutels      ${s.config.sleutels.modus === 'lokaal' ? `lokaal bestand ${s.config.sleutels.bestand} (alleen voor ontwikkeling)` : 'uit de configuratie (SLEUTELS)'}`,
        `  Temporal      ${s.temporalData ? `dev server ${s.temporalAddress}, data in ${s.temporalData}` : `extern ${s.temporalAddress}`}`,
        '  Bewaakt       een onderdeel dat stopt wordt herstart (met wachttijd); /health zegt wat ontbreekt',
        '',
      ].join('\n'),
    );
  } catch (err) {
    const melding = err instanceof Error ? err.message : String(err);
    log.error('starten mislukt', { fout: melding });
    console.error(`\nStarten mislukt: ${melding}\n`);
    await shutdown(1);
  }
}

void main();
