import path from 'node:path';
import { Client } from 'pg';

/** The migrated database every e2e file's own database is copied from (see e2e/global-setup.ts). */
export const E2E_SJABLOON = 'e2e_sjabloon';

/** `url` with another database name. */
export function metDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

let eigen: Promise<string> | undefined;

/**
 * This test file's own database (created on first use, the same one for every later call in the
 * file: Jest gives each test file its own module registry). A copy of the migrated template, so
 * rows of other files never reach this file's queries, the nightly run's sweep or its counts.
 */
export function e2eDatabase(): Promise<string> {
  eigen ??= maakDatabase();
  return eigen;
}

async function maakDatabase(): Promise<string> {
  const server = process.env.E2E_POSTGRES_URL;
  if (!server) throw new Error('e2e global setup heeft geen Postgres gestart');
  const bestand = path.basename(expect.getState().testPath ?? 'onbekend', '.test.ts');
  const naam = `e2e_${bestand}_${Math.random().toString(36).slice(2, 8)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63);
  const admin = new Client({ connectionString: metDatabase(server, 'postgres') });
  await admin.connect();
  try {
    for (let poging = 1; ; poging += 1) {
      try {
        await admin.query(`CREATE DATABASE "${naam}" TEMPLATE "${E2E_SJABLOON}"`);
        break;
      } catch (err) {
        // Another worker copying the template at the same moment: try again shortly.
        if (poging >= 5 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 200 * poging));
      }
    }
  } finally {
    await admin.end();
  }
  return metDatabase(server, naam);
}

/** An empty database (no migrations), for tests of the migrations themselves. */
export async function legeDatabase(): Promise<string> {
  const server = process.env.E2E_POSTGRES_URL;
  if (!server) throw new Error('e2e global setup heeft geen Postgres gestart');
  const naam = `e2e_leeg_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new Client({ connectionString: metDatabase(server, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${naam}"`);
  } finally {
    await admin.end();
  }
  return metDatabase(server, naam);
}
