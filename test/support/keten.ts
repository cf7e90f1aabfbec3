import { randomUUID } from 'node:crypto';
import { addDays } from '../../domain/shared/kalender';
import { type Json, json } from './http';
import type { RunningSystem } from './system';

/** Helpers for the chain's feeds e2e (issue 15): HTTP against the real stack, nothing mocked. */

/** A random BSN that passes the elfproef (a test person, nobody real). */
export function testBsn(): string {
  for (;;) {
    const d = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
    if (d[0] === 0) continue;
    const som = d.reduce((s, c, i) => s + c * (9 - i), 0);
    const laatste = som % 11;
    if (laatste < 10) return [...d, laatste].join('');
  }
}

/** A random V-nummer (ten digits). */
export function testVnummer(): string {
  return `${Math.floor(1_000_000_000 + Math.random() * 8_999_999_999)}`;
}

export function ketenHttp(system: RunningSystem) {
  const post = (pad: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${system.baseUrl}${pad}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const get = async (pad: string, headers: Record<string, string>): Promise<Json> => {
    const res = await fetch(`${system.baseUrl}${pad}`, { headers });
    if (res.status !== 200) throw new Error(`GET ${pad}: ${res.status}`);
    return json(res);
  };
  const status = async (id: string, headers: Record<string, string>): Promise<Json> =>
    (await get(`/api/v1/trajecten/${id}`, headers)).status;
  /** Signals are processed after the response: wait until the workflow shows them. */
  const totdat = async (
    id: string,
    headers: Record<string, string>,
    klaar: (s: Json) => boolean,
  ): Promise<Json> => {
    for (let i = 0; i < 150; i += 1) {
      const s = await status(id, headers);
      if (s && klaar(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('de workflow verwerkte de signalen niet op tijd');
  };
  /** A count from the database, polled until it reaches `minstens` (activities run after the signal). */
  const telling = async (sql: string, params: unknown[], minstens = 1): Promise<number> => {
    const lees = async () => ((await system.dataSource.query(sql, params))[0].n as number) ?? 0;
    for (let i = 0; i < 100 && (await lees()) < minstens; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    // A little longer: a second row would show up now.
    await new Promise((r) => setTimeout(r, 300));
    return lees();
  };
  /** Intake 40 and a B1 PIP 30 days before `vandaag`: DUO's exam results then apply. */
  const geefPip = async (id: string, headers: Record<string, string>, vandaag: string): Promise<void> => {
    for (const [route, body] of [
      ['intake', { datum: addDays(vandaag, -40) }],
      ['pip', { dagtekening: addDays(vandaag, -30), leerroute: 'b1' }],
    ] as const) {
      const res = await post(
        `/api/v1/trajecten/${id}/${route}`,
        { commandId: randomUUID(), ...body },
        headers,
      );
      if (res.status !== 200) throw new Error(`${route}: ${res.status}`);
    }
  };
  /**
   * An asielstatushouder's traject, notified 60 days before `vandaag`, with intake and a B1 PIP (DUO's
   * exam results apply); with a person when `inburgeraar` is given. Returns the created traject.
   */
  const trajectMetPip = async (
    headers: Record<string, string>,
    opties: {
      gemeente: string;
      vandaag: string;
      inburgeraar?: { bsn: string; voornamen: string; achternaam: string; geboortedatum: string };
    },
  ): Promise<Json> => {
    const res = await post(
      '/api/v1/trajecten',
      {
        commandId: `cm-${randomUUID()}`,
        gemeente: opties.gemeente,
        doelgroep: 'asielstatushouder',
        kennisgevingsdatum: addDays(opties.vandaag, -60),
        ...(opties.inburgeraar ? { inburgeraar: opties.inburgeraar } : {}),
      },
      headers,
    );
    expect(res.status).toBe(201);
    const traject = await json(res);
    await geefPip(traject.id, headers, opties.vandaag);
    return traject;
  };
  return { post, get, status, totdat, telling, geefPip, trajectMetPip };
}
