import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DienstProces, serverConfig, vrijeMembershipPoort } from '../../scripts/temporal-cluster';
import {
  TEMPORAL_SERVER_VERSIE,
  TemporalServerFout,
  vindOfBouwTemporalServer,
} from '../../scripts/temporal-server';

function nepProgramma(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
}

describe('de productie-Temporal-server vinden of bouwen (issue 14)', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tserver-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('zonder Go: een Nederlandse melding die zegt wat te doen, en er wordt niets half achtergelaten', () => {
    let fout: unknown;
    try {
      vindOfBouwTemporalServer({ root: tmp, env: { PATH: path.join(tmp, 'leeg') } });
    } catch (err) {
      fout = err;
    }
    expect(fout).toBeInstanceOf(TemporalServerFout);
    expect((fout as Error).message).toMatch(/^Go ontbreekt/);
    expect((fout as Error).message).toMatch(/Installeer Go 1\.21 of nieuwer/);
    expect((fout as Error).message).toContain(TEMPORAL_SERVER_VERSIE);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('de gecachete build van de vastgezette versie wordt gebruikt; een andere versie niet', () => {
    const map = path.join(tmp, TEMPORAL_SERVER_VERSIE);
    nepProgramma(path.join(map, 'bin', 'server'));
    nepProgramma(path.join(map, 'bin', 'sql'));
    fs.writeFileSync(path.join(map, 'versie.json'), JSON.stringify({ versie: 'v1.31.0' }));
    expect(() => vindOfBouwTemporalServer({ root: tmp, bouwen: false })).toThrow(
      /nog niet gebouwd.*temporal-server:install/,
    );
    fs.writeFileSync(path.join(map, 'versie.json'), JSON.stringify({ versie: TEMPORAL_SERVER_VERSIE }));
    expect(vindOfBouwTemporalServer({ root: tmp, bouwen: false })).toMatchObject({
      server: path.join(map, 'bin', 'server'),
      sql: path.join(map, 'bin', 'sql'),
      bron: 'cache',
    });
  });
});

describe('de config per proces van het cluster', () => {
  const dienst = (naam: DienstProces['naam'], d: DienstProces['dienst'], n: number): DienstProces => ({
    naam,
    dienst: d,
    grpcPort: 40_000 + n,
    membershipPort: 20_000 + n,
    ...(d === 'frontend' ? { httpPort: 41_000 } : {}),
    configBestand: `/tmp/${naam}.yaml`,
  });
  const alle = [
    dienst('temporal-frontend', 'frontend', 1),
    dienst('temporal-history-1', 'history', 2),
    dienst('temporal-history-2', 'history', 3),
    dienst('temporal-matching', 'matching', 4),
    dienst('temporal-worker', 'worker', 5),
  ];
  const config = (d: DienstProces) =>
    serverConfig({
      pg: { host: '127.0.0.1', port: 5432, user: 'u', password: 'p' },
      dienst: d,
      frontend: alle[0],
      alle,
      dynamischeConfig: '/tmp/dc.yaml',
    }) as {
      services: Record<string, { rpc: { grpcPort: number; membershipPort: number } }>;
      global: Record<string, unknown>;
    };

  it('elke history-node heeft zijn eigen poorten; geen gedeelde pprof- of metrics-poort', () => {
    expect(config(alle[1]).services.history.rpc).toMatchObject({ grpcPort: 40_002, membershipPort: 20_002 });
    expect(config(alle[2]).services.history.rpc).toMatchObject({ grpcPort: 40_003, membershipPort: 20_003 });
    expect(Object.keys(config(alle[0]).services).sort()).toEqual([
      'frontend',
      'history',
      'matching',
      'worker',
    ]);
    for (const d of alle) {
      expect(config(d).global.metrics).toBeUndefined();
      expect(config(d).global.pprof).toEqual({ port: 0 });
    }
  });

  it('membership-poorten liggen onder 32768 (cluster_membership.rpc_port is een SMALLINT) en zijn uniek', async () => {
    const gebruikt = new Set<number>();
    const poorten = [];
    for (let i = 0; i < 5; i += 1) poorten.push(await vrijeMembershipPoort(gebruikt));
    expect(new Set(poorten).size).toBe(5);
    for (const p of poorten) expect(p).toBeLessThan(32_768);
  });
});
