import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../platform/config';
import { temporalBeveiliging } from '../../platform/temporal/verbinding';

// Issue 13, point 13: TLS, mTLS and an API key to Temporal for the API, the worker and the scripts.
describe('Temporal-verbinding: TLS, mTLS en API-sleutel uit de omgeving', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inburgering-tls-'));
  const bestand = (naam: string, inhoud: string) => {
    const p = path.join(dir, naam);
    fs.writeFileSync(p, inhoud);
    return p;
  };
  const ca = bestand('ca.pem', 'CA');
  const crt = bestand('client.pem', 'CRT');
  const key = bestand('client.key', 'KEY');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('zonder iets: platte gRPC (de embedded dev server)', () => {
    expect(temporalBeveiliging({})).toEqual({});
  });

  it('TLS met de vertrouwde CA’s van het systeem, of met een eigen CA en servernaam', () => {
    expect(temporalBeveiliging({ TEMPORAL_TLS: 'true' })).toEqual({ tls: true });
    expect(
      temporalBeveiliging({ TEMPORAL_TLS_CA_PATH: ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.intern' }),
    ).toEqual({
      tls: { serverRootCACertificate: Buffer.from('CA'), serverNameOverride: 'temporal.intern' },
    });
  });

  it('mTLS: certificaat en sleutel van de client, samen', () => {
    expect(temporalBeveiliging({ TEMPORAL_TLS_CERT_PATH: crt, TEMPORAL_TLS_KEY_PATH: key })).toEqual({
      tls: { clientCertPair: { crt: Buffer.from('CRT'), key: Buffer.from('KEY') } },
    });
    expect(() => temporalBeveiliging({ TEMPORAL_TLS_CERT_PATH: crt })).toThrow(/én TEMPORAL_TLS_KEY_PATH/);
  });

  it('een API-sleutel (bijv. Temporal Cloud) alleen over TLS', () => {
    expect(temporalBeveiliging({ TEMPORAL_TLS: 'true', TEMPORAL_API_KEY: 'geheim' })).toEqual({
      tls: true,
      apiKey: 'geheim',
    });
    expect(() => temporalBeveiliging({ TEMPORAL_API_KEY: 'geheim' })).toThrow(/alleen over TLS/);
  });

  it('fouten in het Nederlands, met de naam van de variabele', () => {
    expect(() => temporalBeveiliging({ TEMPORAL_TLS: 'ja' })).toThrow(ConfigError);
    expect(() => temporalBeveiliging({ TEMPORAL_TLS_CA_PATH: path.join(dir, 'weg.pem') })).toThrow(
      /TEMPORAL_TLS_CA_PATH: .* is niet leesbaar \(ENOENT\)/,
    );
    expect(() => temporalBeveiliging({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA_PATH: ca })).toThrow(
      /past niet/,
    );
  });
});
