import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, ENV } from './config';
import { localDir } from './paths';

type Env = Record<string, string | undefined>;

const MIN_BYTES = 32;

/**
 * The key of the keyed HMAC that turns gemeente + commandId into a traject id (issue 13): without
 * it, nobody can compute which id an aanmelding got, nor test guesses against it. From
 * TRAJECT_ID_SLEUTEL (base64, at least 32 bytes); required under NODE_ENV=production. Elsewhere
 * (npm start, tests) a key is made once in .local/auth/ and kept, so a repeated aanmelding still
 * finds its traject after a restart.
 */
export function trajectIdSleutel(
  env: Env = process.env,
  bestand = localDir('auth', 'traject-id.key'),
): Buffer {
  const ruw = env[ENV.TRAJECT_ID_SLEUTEL];
  if (ruw) {
    const sleutel = Buffer.from(ruw, 'base64');
    if (sleutel.length < MIN_BYTES) {
      throw new ConfigError(`${ENV.TRAJECT_ID_SLEUTEL} moet minstens ${MIN_BYTES} bytes zijn (base64)`);
    }
    return sleutel;
  }
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(
      `${ENV.TRAJECT_ID_SLEUTEL} ontbreekt: zet een geheime sleutel (base64, ${MIN_BYTES} bytes), bijv. uit: openssl rand -base64 32`,
    );
  }
  if (!fs.existsSync(bestand)) {
    fs.mkdirSync(path.dirname(bestand), { recursive: true, mode: 0o700 });
    const tijdelijk = `${bestand}.${randomUUID()}.tmp`;
    fs.writeFileSync(tijdelijk, randomBytes(MIN_BYTES).toString('base64'), { mode: 0o600 });
    try {
      fs.linkSync(tijdelijk, bestand);
    } catch (err) {
      // Another process made it first: its key is the one.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tijdelijk, { force: true });
    }
  }
  return Buffer.from(fs.readFileSync(bestand, 'utf8').trim(), 'base64');
}
