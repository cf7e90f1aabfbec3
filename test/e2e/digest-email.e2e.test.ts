import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { createEscalatieRondeActivities, digestAdres } from '../../activities/escalatie-ronde.activities';
import { ConfigError, loadConfig } from '../../platform/config';
import { createDataSource } from '../../platform/persistence/data-source';
import { e2eDatabase } from '../support/database';

jest.setTimeout(60_000);

/** A real SMTP server in this process: what the worker sends is what it receives. */
interface Ontvangen {
  van: string;
  aan: string[];
  bericht: string;
}

let db: DataSource;
let server: SMTPServer;
let poort: number;
const ontvangen: Ontvangen[] = [];

beforeAll(async () => {
  const url = await e2eDatabase();
  db = await createDataSource(url, 'digest-e2e').initialize();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const delen: Buffer[] = [];
      stream.on('data', (d: Buffer) => delen.push(d));
      stream.on('end', () => {
        ontvangen.push({
          van: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          aan: session.envelope.rcptTo.map((r) => r.address),
          bericht: Buffer.concat(delen).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  poort = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await db?.destroy();
});

async function outbox(rondeId: string, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await db.query(
      `INSERT INTO notificatie (ronde_id, ontvanger_rol, ontvanger, gemeente, onderwerp, inhoud, aantal)
       VALUES ($1, $2, $3, 'GM0518', $4, $5, 2)`,
      [
        rondeId,
        i === 0 ? 'teamleider' : 'casemanager',
        i === 0 ? 'GM0518' : `cm-${i}`,
        `Nachtelijke escalaties: 2 nieuw (${rondeId})`,
        `Nieuwe escalaties en waarschuwingen\n  uit-beeld: 2`,
      ],
    );
  }
}

const smtp = () => ({
  url: `smtp://127.0.0.1:${poort}`,
  afzender: 'inburgering@gemeente.example',
  adresSjabloon: '{ontvanger}@{gemeente}.gemeente.example',
});

describe('digests per e-mail', () => {
  it('zonder SMTP blijven ze in de outbox (de ingebouwde standaard)', async () => {
    const rondeId = `ronde-${randomUUID()}`;
    await outbox(rondeId, 2);
    const uit = await createEscalatieRondeActivities(db).verstuurDigests();
    expect(uit.verzonden).toBe(0);
    const rijen = await db.query('SELECT status FROM notificatie WHERE ronde_id = $1', [rondeId]);
    expect(rijen.map((r: { status: string }) => r.status)).toEqual(['wachtend', 'wachtend']);
    await db.query("UPDATE notificatie SET status = 'verzonden' WHERE ronde_id = $1", [rondeId]);
  });

  it('met SMTP: elke wachtende digest één keer gemaild naar het adres uit het sjabloon', async () => {
    // This file's own database: the outbox holds only what this file put in it, and every other test
    // here leaves nothing waiting (so the counts below are exact without touching anyone's rows).
    const [{ n: wachtend }] = await db.query(
      "SELECT count(*)::int AS n FROM notificatie WHERE status = 'wachtend'",
    );
    expect(wachtend).toBe(0);
    const rondeId = `ronde-${randomUUID()}`;
    await outbox(rondeId, 3);
    const activiteiten = createEscalatieRondeActivities(db, { smtp: smtp() });
    const eerste = await activiteiten.verstuurDigests();
    expect(eerste).toEqual({ verzonden: 3, mislukt: 0, wachtend: 0 });
    const mijn = ontvangen.filter((m) => m.bericht.includes(rondeId));
    expect(mijn.map((m) => m.aan[0]).sort()).toEqual([
      'GM0518@gm0518.gemeente.example',
      'cm-1@gm0518.gemeente.example',
      'cm-2@gm0518.gemeente.example',
    ]);
    expect(mijn[0].van).toBe('inburgering@gemeente.example');
    expect(mijn[0].bericht).toContain('uit-beeld: 2');
    const rijen = await db.query('SELECT status, verzonden_op FROM notificatie WHERE ronde_id = $1', [
      rondeId,
    ]);
    expect(
      rijen.every((r: { status: string; verzonden_op: Date }) => r.status === 'verzonden' && r.verzonden_op),
    ).toBe(true);
    // Again: nothing left to send.
    expect(await activiteiten.verstuurDigests()).toEqual({ verzonden: 0, mislukt: 0, wachtend: 0 });
    expect(ontvangen.filter((m) => m.bericht.includes(rondeId))).toHaveLength(3);
  });

  it('mailserver onbereikbaar: niets verloren, de digests wachten op de volgende nacht', async () => {
    const rondeId = `ronde-${randomUUID()}`;
    await outbox(rondeId, 2);
    const kapot = createEscalatieRondeActivities(db, { smtp: { ...smtp(), url: 'smtp://127.0.0.1:1' } });
    const uit = await kapot.verstuurDigests();
    expect(uit).toMatchObject({ verzonden: 0, mislukt: 2 });
    const rijen = await db.query('SELECT status FROM notificatie WHERE ronde_id = $1', [rondeId]);
    expect(rijen.map((r: { status: string }) => r.status)).toEqual(['wachtend', 'wachtend']);
    expect(await createEscalatieRondeActivities(db, { smtp: smtp() }).verstuurDigests()).toMatchObject({
      verzonden: 2,
    });
  });

  it('configuratie: SMTP_URL vraagt ook afzender en adressjabloon', () => {
    expect(loadConfig({}).escalatieronde.smtp).toBeNull();
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail:587' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ SMTP_URL: 'http://mail', SMTP_AFZENDER: 'a@b', DIGEST_ADRES_SJABLOON: '{ontvanger}@x' }),
    ).toThrow(ConfigError);
    expect(
      loadConfig({
        SMTP_URL: 'smtp://mail:587',
        SMTP_AFZENDER: 'a@b',
        DIGEST_ADRES_SJABLOON: '{ontvanger}@{gemeente}.nl',
      }).escalatieronde.smtp,
    ).toEqual({ url: 'smtp://mail:587', afzender: 'a@b', adresSjabloon: '{ontvanger}@{gemeente}.nl' });
    expect(
      digestAdres('{rol}-{ontvanger}@{gemeente}.nl', {
        rol: 'teamleider',
        ontvanger: 'GM0363',
        gemeente: 'GM0363',
      }),
    ).toBe('teamleider-GM0363@gm0363.nl');
  });
});
