import { bouwWebAlsNodig } from './web-build';

/** `npm run build:web`: always builds (use `npm start` to build only when the sources changed). */
bouwWebAlsNodig({ forceer: !process.argv.includes('--als-nodig') })
  .then(({ gebouwd, ms, map }) => {
    console.log(gebouwd ? `webapplicatie gebouwd in ${ms} ms: ${map}` : `webapplicatie is actueel: ${map}`);
  })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
