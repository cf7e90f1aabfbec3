import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { addDays, datumVanInstant } from '../domain/shared/kalender';
import { tekenLokaalToken } from '../platform/auth';
import { loadConfig } from '../platform/config';
import { type Stapel, startStapel, stopBijSignaal } from './stapel';

function vrijePoort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * `npm run bench:feeds [-- items trajecten]` (issue 14): the time of one DUO feed batch (default 1,000
 * examenresultaten over 500 trajecten) through HTTP → API → one Signal per traject, payload codec on, on the
 * embedded stack of `npm start` (worker and API as their own processes, free ports, a throw-away data
 * dir). Three batches: new items, the same batch again (applied once: the decider knows the
 * commandIds), new items again; then three more with `Prefer: respond-async`: the time to the 202
 * (the batch stored) and to `klaar` on its status URL. Prints figures; asserts nothing.
 */
async function main(): Promise<void> {
  const aantalItems = Number(process.argv[2] ?? 1000);
  const aantalTrajecten = Number(process.argv[3] ?? 500);
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inburgering-bench-feeds-'));
  fs.chmodSync(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'error',
    VERZOEKEN_PER_MINUUT: '1000000',
    DATA_DIR: dataDir,
    API_PORT: String(await vrijePoort()),
    EMBEDDED_POSTGRES_PORT: String(await vrijePoort()),
    EMBEDDED_TEMPORAL_PORT: String(await vrijePoort()),
  };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'AUTH_ISSUER', 'AUTH_JWKS_URL', 'NODE_ENV'])
    delete env[k];
  const logbestand = path.join(os.tmpdir(), `${path.basename(dataDir)}.log`);
  let stapel: Stapel | null = null;
  let loslaten: () => void = () => undefined;
  try {
    stapel = await startStapel({ env, ui: false, uitvoer: (r) => fs.appendFileSync(logbestand, `${r}\n`) });
    loslaten = stopBijSignaal(stapel);
    const basis = `${stapel.apiUrl}/api/v1`;
    const auth = loadConfig({ ...env, AUTH_MODUS: 'lokaal' }).auth;
    if (auth.modus !== 'lokaal') throw new Error('bench draait met de lokale sleutel');
    const cm = await tekenLokaalToken(auth, { sub: 'bench', rol: 'casemanager', gemeente: 'GM0518' });
    const feed = await tekenLokaalToken(auth, { sub: 'duo', rol: 'feed', gemeente: 'GM0518', bron: 'duo' });
    const vandaag = datumVanInstant(Date.now());

    const t0 = Date.now();
    const trajecten: string[] = [];
    let volgende = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (volgende < aantalTrajecten) {
          volgende += 1;
          const res = await fetch(`${basis}/trajecten`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${cm}` },
            body: JSON.stringify({
              commandId: randomUUID(),
              gemeente: 'GM0518',
              doelgroep: 'gezinsmigrant',
              kennisgevingsdatum: addDays(vandaag, -10),
            }),
          });
          if (res.status !== 201) throw new Error(`aanmelding: ${res.status} ${await res.text()}`);
          trajecten.push(((await res.json()) as { id: string }).id);
        }
      }),
    );
    console.log(`zaaien: ${trajecten.length} trajecten in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // The worker has caught up with the aanmeldingen before the batches start.
    await new Promise((r) => setTimeout(r, 3000));

    const componenten = ['lezen', 'luisteren', 'schrijven', 'spreken', 'knm'] as const;
    const batch = (ronde: string) =>
      Array.from({ length: aantalItems }, (_, i) => ({
        referentie: `bench-${ronde}-${i}`,
        trajectId: trajecten[i % trajecten.length],
        component: componenten[i % componenten.length],
        ...(componenten[i % componenten.length] === 'knm' ? {} : { niveau: 'B1' }),
        behaald: i % 3 !== 0,
        datum: vandaag,
      }));
    const lever = async (naam: string, items: object[]) => {
      const start = process.hrtime.bigint();
      const res = await fetch(`${basis}/feeds/duo/examenresultaten`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${feed}` },
        body: JSON.stringify({ items }),
      });
      const antwoord = (await res.json()) as { resultaten?: { uitkomst: string }[] };
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const uitkomsten: Record<string, number> = {};
      for (const r of antwoord.resultaten ?? []) uitkomsten[r.uitkomst] = (uitkomsten[r.uitkomst] ?? 0) + 1;
      console.log(
        `${naam}: ${items.length} items in ${ms.toFixed(0)} ms (HTTP ${res.status}, ${JSON.stringify(uitkomsten)})`,
      );
      // A refused batch measures nothing: stop instead of printing a time.
      if (res.status !== 200)
        throw new Error(`levering geweigerd: HTTP ${res.status} ${JSON.stringify(antwoord)}`);
      // Let the worker work off the signals before the next batch (they are not part of the answer).
      await new Promise((r) => setTimeout(r, 5000));
      return ms;
    };
    const eerste = batch('a');
    const duren = [
      await lever('levering 1 (nieuw)', eerste),
      await lever('levering 1 opnieuw (dubbel, telt één keer)', eerste),
      await lever('levering 2 (nieuw)', batch('b')),
    ];
    console.log(
      `feed-levering van ${aantalItems} items over ${trajecten.length} trajecten: ${duren.map((d) => `${d.toFixed(0)} ms`).join(' / ')}`,
    );

    // The same with `Prefer: respond-async`: the 202 (stored), then the status URL until it is done.
    const asynchroon = async (naam: string, items: object[]) => {
      const start = process.hrtime.bigint();
      const res = await fetch(`${basis}/feeds/duo/examenresultaten`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${feed}`,
          prefer: 'respond-async',
        },
        body: JSON.stringify({ items }),
      });
      const body = (await res.json()) as { statusUrl?: string };
      const aangenomen = Number(process.hrtime.bigint() - start) / 1e6;
      if (res.status !== 202 || !body.statusUrl)
        throw new Error(`levering niet aangenomen: HTTP ${res.status} ${JSON.stringify(body)}`);
      let status: { status: string; pogingen: number; resultaten: { uitkomst: string }[] | null };
      for (;;) {
        const s = await fetch(`${stapel?.apiUrl}${body.statusUrl}`, {
          headers: { authorization: `Bearer ${feed}` },
        });
        status = (await s.json()) as typeof status;
        if (status.status === 'klaar') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const klaar = Number(process.hrtime.bigint() - start) / 1e6;
      const uitkomsten: Record<string, number> = {};
      for (const r of status.resultaten ?? []) uitkomsten[r.uitkomst] = (uitkomsten[r.uitkomst] ?? 0) + 1;
      console.log(
        `${naam}: ${items.length} items aangenomen (202) in ${aangenomen.toFixed(0)} ms, afgeleverd na ${klaar.toFixed(0)} ms (${status.pogingen} poging(en), ${JSON.stringify(uitkomsten)})`,
      );
      await new Promise((r) => setTimeout(r, 5000));
      return [aangenomen, klaar];
    };
    const async1 = batch('c');
    const asyncDuren = [
      await asynchroon('asynchroon 1 (nieuw)', async1),
      await asynchroon('asynchroon 1 opnieuw (dubbel)', async1),
      await asynchroon('asynchroon 2 (nieuw)', batch('d')),
    ];
    console.log(
      `asynchroon (Prefer: respond-async), ${aantalItems} items: aangenomen in ${asyncDuren.map(([a]) => `${a.toFixed(0)} ms`).join(' / ')}; afgeleverd na ${asyncDuren.map(([, k]) => `${k.toFixed(0)} ms`).join(' / ')}`,
    );
  } finally {
    if (stapel) await stapel.stop();
    loslaten();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(logbestand, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
