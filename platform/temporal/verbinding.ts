import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { ConfigError, ENV } from '../config';

type Env = Record<string, string | undefined>;

/**
 * How the API, the worker and the scripts reach Temporal beyond the embedded dev server (issue 13):
 * TLS (TEMPORAL_TLS=true, or any of the paths below), server CA (TEMPORAL_TLS_CA_PATH; default: the
 * system's trusted CAs), mTLS with a client certificate (TEMPORAL_TLS_CERT_PATH +
 * TEMPORAL_TLS_KEY_PATH), the name the server certificate must carry (TEMPORAL_TLS_SERVER_NAME,
 * when it differs from the host in TEMPORAL_ADDRESS) and an API key (TEMPORAL_API_KEY, e.g.
 * Temporal Cloud; sent as a bearer token, so only over TLS). Spread into Connection / NativeConnection
 * options: `Connection.connect({ address, ...temporalBeveiliging() })`.
 */
export interface TemporalBeveiliging {
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

function lees(naam: string, pad: string): Buffer {
  try {
    return fs.readFileSync(pad);
  } catch (err) {
    throw new ConfigError(
      `${naam}: ${pad} is niet leesbaar (${(err as NodeJS.ErrnoException).code ?? 'fout'})`,
    );
  }
}

export function temporalBeveiliging(env: Env = process.env): TemporalBeveiliging {
  const ca = env[ENV.TEMPORAL_TLS_CA_PATH] || undefined;
  const cert = env[ENV.TEMPORAL_TLS_CERT_PATH] || undefined;
  const key = env[ENV.TEMPORAL_TLS_KEY_PATH] || undefined;
  const serverNaam = env[ENV.TEMPORAL_TLS_SERVER_NAME] || undefined;
  const apiKey = env[ENV.TEMPORAL_API_KEY] || undefined;
  const vlag = env[ENV.TEMPORAL_TLS];
  if (vlag !== undefined && vlag !== '' && vlag !== 'true' && vlag !== 'false') {
    throw new ConfigError(`${ENV.TEMPORAL_TLS} is true of false, niet '${vlag}'`);
  }
  if (Boolean(cert) !== Boolean(key)) {
    throw new ConfigError(
      `mTLS vraagt ${ENV.TEMPORAL_TLS_CERT_PATH} én ${ENV.TEMPORAL_TLS_KEY_PATH} (certificaat en sleutel van de client)`,
    );
  }
  const metTls = vlag === 'true' || Boolean(ca || cert || serverNaam);
  if (vlag === 'false' && (ca || cert || serverNaam)) {
    throw new ConfigError(`${ENV.TEMPORAL_TLS}=false past niet bij de TLS-paden die gezet zijn`);
  }
  if (apiKey && !metTls) {
    // An API key is a bearer secret: never over plain text.
    throw new ConfigError(`${ENV.TEMPORAL_API_KEY} alleen over TLS: zet ook ${ENV.TEMPORAL_TLS}=true`);
  }
  if (!metTls) return {};
  const tls: TLSConfig = {};
  if (serverNaam) tls.serverNameOverride = serverNaam;
  if (ca) tls.serverRootCACertificate = lees(ENV.TEMPORAL_TLS_CA_PATH, ca);
  if (cert && key) {
    tls.clientCertPair = {
      crt: lees(ENV.TEMPORAL_TLS_CERT_PATH, cert),
      key: lees(ENV.TEMPORAL_TLS_KEY_PATH, key),
    };
  }
  return { tls: Object.keys(tls).length > 0 ? tls : true, ...(apiKey ? { apiKey } : {}) };
}
