import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { escalatieBeleidVoor } from '../../domain/beleid';
import { escalaties, type TrajectPeilgegevens } from '../../domain/escalatie';
import { MIGRATIONS, migrate } from '../../platform/persistence/data-source';
import { LadderfeitenAanvullen1763900000013 } from '../../platform/persistence/migrations/1763900000013-ladderfeiten-aanvullen';
import { legeDatabase } from '../support/database';

jest.setTimeout(60_000);

/**
 * Migrations over real data: an empty database is migrated step by step as production was, with rows
 * of each earlier version written in between (the shape the code of that time wrote), then brought
 * to the current version. The new columns must be filled where the old rows allow it, and running
 * the migrations (or the backfill) again must change nothing.
 */
let url: string;
let db: DataSource;

const tot = (laatste: string) =>
  MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name.endsWith(laatste)) + 1);

async function migreer(migraties: typeof MIGRATIONS): Promise<string[]> {
  const ds = await new DataSource({
    type: 'postgres',
    url,
    migrations: migraties,
    migrationsTableName: 'schema_migraties',
    logging: false,
  }).initialize();
  try {
    return await migrate(ds);
  } finally {
    await ds.destroy();
  }
}

interface OudeRij {
  id: string;
  fase: string;
  kennisgevingsdatum: string;
  volgendeDeadline?: string | null;
  volgendeDeadlineSoort?: string | null;
  afgesloten?: boolean;
}

/** A read-model row as the code before migration 010 wrote it (no ladder facts). */
async function oudeRij(r: OudeRij): Promise<void> {
  await db.query(
    `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, leerroute, casemanager, kennisgevingsdatum,
       termijn_einde, volgende_deadline, volgende_deadline_soort, termijn_overschreden, afgesloten, versie)
     VALUES ($1, $2, 'GM0518', 'asielstatushouder', $3, NULL, 'cm-1', $4, NULL, $5, $6, false, $7, 4)`,
    [
      r.id,
      `traject-${r.id}`,
      r.fase,
      r.kennisgevingsdatum,
      r.volgendeDeadline ?? null,
      r.volgendeDeadlineSoort ?? null,
      r.afgesloten ?? false,
    ],
  );
}

/** A task as the code before migration 010 wrote it (the traject's own timers). */
async function oudeTaak(
  trajectId: string,
  soort: string,
  vervaldatum: string,
  status = 'open',
): Promise<void> {
  await db.query(
    `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, vervaldatum, omschrijving, status)
     VALUES ($1, 'GM0518', $2, 'taak', 'T1', $3, $4, $5, $6)`,
    [trajectId, soort, soort, vervaldatum, `${soort} op ${vervaldatum}`, status],
  );
}

const ids = {
  pipDeadline: randomUUID(),
  brpLater: randomUUID(),
  pipOverschredenDeadline: randomUUID(),
  beideAfgegaan: randomUUID(),
  derdenWacht: randomUUID(),
  metPip: randomUUID(),
  afgesloten: randomUUID(),
  ontzorgenDeadline: randomUUID(),
  ontzorgenTaak: randomUUID(),
  doorWorkflowGeschreven: randomUUID(),
  laterGeschreven: randomUUID(),
};

async function feiten(id: string) {
  const [rij] = await db.query(
    `SELECT pip_klok_start, pip_uiterlijk, pip_vastgesteld_op, laatste_contact, ontzorgen_evaluatie_op, examens,
            versie, bijgewerkt_op
       FROM traject WHERE id = $1`,
    [id],
  );
  return rij;
}

async function allesOpgeslagen(): Promise<string> {
  const trajecten = await db.query('SELECT * FROM traject ORDER BY id');
  const taken = await db.query('SELECT * FROM taak ORDER BY id');
  return JSON.stringify({ trajecten, taken });
}

function peilgegevens(id: string, rij: Record<string, string | null>): TrajectPeilgegevens {
  return {
    trajectId: id,
    gemeente: 'GM0518',
    fase: 'intake_afgerond',
    afgesloten: false,
    kennisgevingsdatum: '2026-01-05',
    pipKlokStart: rij.pip_klok_start,
    pipUiterlijk: rij.pip_uiterlijk,
    pipVastgesteldOp: rij.pip_vastgesteld_op,
    termijnEinde: null,
    laatsteContact: '2026-05-01',
    ontzorgenEvaluatieOp: rij.ontzorgen_evaluatie_op,
  };
}

beforeAll(async () => {
  url = await legeDatabase();
  // The schema before the nightly run (migrations 000–003), with the rows that code wrote.
  expect(await migreer(tot('1763900000003'))).toHaveLength(4);
  db = await new DataSource({ type: 'postgres', url, logging: false }).initialize();
  // Kennisgeving 5 January 2026: the PIP is due ten weeks later, on 16 March.
  await oudeRij({
    id: ids.pipDeadline,
    fase: 'aangemeld',
    kennisgevingsdatum: '2026-01-05',
    volgendeDeadline: '2026-03-16',
    volgendeDeadlineSoort: 'pip',
  });
  // BRP registration on 2 February, after the kennisgeving: the clock starts then, due 13 April.
  await oudeRij({
    id: ids.brpLater,
    fase: 'aangemeld',
    kennisgevingsdatum: '2026-01-05',
    volgendeDeadline: '2026-04-13',
    volgendeDeadlineSoort: 'pip',
  });
  // The PIP task fired; the escalation the day after is next.
  await oudeRij({
    id: ids.pipOverschredenDeadline,
    fase: 'intake_afgerond',
    kennisgevingsdatum: '2026-01-05',
    volgendeDeadline: '2026-03-17',
    volgendeDeadlineSoort: 'pip-overschreden',
  });
  await oudeTaak(ids.pipOverschredenDeadline, 'pip', '2026-03-16');
  // Both fired long ago; the next deadline is another one. Only the tasks remember the date.
  await oudeRij({
    id: ids.beideAfgegaan,
    fase: 'intake_afgerond',
    kennisgevingsdatum: '2026-01-05',
    volgendeDeadline: '2026-09-01',
    volgendeDeadlineSoort: 'geen-contact',
  });
  await oudeTaak(ids.beideAfgegaan, 'pip', '2026-03-16');
  await oudeTaak(ids.beideAfgegaan, 'pip-overschreden', '2026-03-17');
  // Only for the re-run test: the workflow writes it again after the migration.
  await oudeRij({
    id: ids.laterGeschreven,
    fase: 'aangemeld',
    kennisgevingsdatum: '2026-01-05',
    volgendeDeadline: '2026-03-16',
    volgendeDeadlineSoort: 'pip',
  });
  // Waiting for third parties: the PIP has no deadline, nothing tells its date.
  await oudeRij({ id: ids.derdenWacht, fase: 'intake_afgerond', kennisgevingsdatum: '2026-01-05' });
  // A PIP was adopted (its date is not in the row): no T1 facts to fill.
  await oudeRij({
    id: ids.metPip,
    fase: 'in_leerroute',
    kennisgevingsdatum: '2026-01-05',
    volgendeDeadline: '2026-06-01',
    volgendeDeadlineSoort: 'voortgangsgesprek',
  });
  await oudeRij({
    id: ids.afgesloten,
    fase: 'beeindigd',
    kennisgevingsdatum: '2026-01-05',
    afgesloten: true,
  });
  // T5: the ontzorgen review is the next deadline, or already due (open task, no decision).
  await oudeRij({
    id: ids.ontzorgenDeadline,
    fase: 'in_leerroute',
    kennisgevingsdatum: '2026-01-05',
    volgendeDeadline: '2026-07-06',
    volgendeDeadlineSoort: 'ontzorgen-evaluatie',
  });
  await oudeRij({
    id: ids.ontzorgenTaak,
    fase: 'in_leerroute',
    kennisgevingsdatum: '2026-01-05',
    volgendeDeadline: '2026-09-01',
    volgendeDeadlineSoort: 'voortgangsgesprek',
  });
  await oudeTaak(ids.ontzorgenTaak, 'ontzorgen-evaluatie', '2026-07-06');
  await db.destroy();

  // Migration 010, then a row its code wrote (ladder facts filled by the workflow).
  expect(await migreer(tot('1763900000010'))).toEqual(['EscalatieRonde1763900000010']);
  db = await new DataSource({ type: 'postgres', url, logging: false }).initialize();
  await db.query(
    `INSERT INTO traject (id, workflow_id, gemeente, doelgroep, fase, casemanager, kennisgevingsdatum, versie,
       volgende_deadline, volgende_deadline_soort, pip_klok_start, pip_uiterlijk)
     VALUES ($1, $2, 'GM0518', 'gezinsmigrant', 'aangemeld', 'cm-2', '2026-01-05', 2, '2026-04-20', 'pip',
       '2026-02-09', '2026-04-20')`,
    [ids.doorWorkflowGeschreven, `traject-${ids.doorWorkflowGeschreven}`],
  );
  await db.destroy();

  // Then everything since, over these rows (every later migration, whichever there are by now).
  const later = MIGRATIONS.slice(tot('1763900000010').length).map((m) => m.name);
  expect(later).toEqual(
    expect.arrayContaining(['Rapportage1763900000011', 'LadderfeitenAanvullen1763900000013']),
  );
  expect(await migreer(MIGRATIONS)).toEqual(later);
  db = await new DataSource({ type: 'postgres', url, logging: false }).initialize();
});

afterAll(async () => {
  await db?.destroy();
});

describe('migraties over bestaande rijen', () => {
  it('T1: PIP-klok en uiterste datum uit de volgende deadline of de taken, exact waar de rij het toont', async () => {
    expect(await feiten(ids.pipDeadline)).toMatchObject({
      pip_klok_start: '2026-01-05',
      pip_uiterlijk: '2026-03-16',
      pip_vastgesteld_op: null,
    });
    expect(await feiten(ids.brpLater)).toMatchObject({
      pip_klok_start: '2026-02-02',
      pip_uiterlijk: '2026-04-13',
    });
    expect(await feiten(ids.pipOverschredenDeadline)).toMatchObject({
      pip_klok_start: '2026-01-05',
      pip_uiterlijk: '2026-03-16',
    });
    expect(await feiten(ids.beideAfgegaan)).toMatchObject({
      pip_klok_start: '2026-01-05',
      pip_uiterlijk: '2026-03-16',
    });
    // Nothing tells the date: the clock from the kennisgeving (the earliest it can have started).
    expect(await feiten(ids.derdenWacht)).toMatchObject({
      pip_klok_start: '2026-01-05',
      pip_uiterlijk: null,
    });
  });

  it('rijen met een PIP, afgesloten rijen en rijen die de workflow al schreef blijven zoals ze waren', async () => {
    expect(await feiten(ids.metPip)).toMatchObject({
      pip_klok_start: null,
      pip_uiterlijk: null,
      pip_vastgesteld_op: null,
    });
    expect(await feiten(ids.afgesloten)).toMatchObject({ pip_klok_start: null, pip_uiterlijk: null });
    expect(await feiten(ids.doorWorkflowGeschreven)).toMatchObject({
      pip_klok_start: '2026-02-09',
      pip_uiterlijk: '2026-04-20',
      versie: 2,
    });
    // The version of a filled-in row is untouched: the workflow's next write still lands.
    expect((await feiten(ids.pipDeadline)).versie).toBe(4);
  });

  it('T5: de ontzorgen-evaluatie uit de volgende deadline of een open taak', async () => {
    expect((await feiten(ids.ontzorgenDeadline)).ontzorgen_evaluatie_op).toBe('2026-07-06');
    expect((await feiten(ids.ontzorgenTaak)).ontzorgen_evaluatie_op).toBe('2026-07-06');
    expect((await feiten(ids.metPip)).ontzorgen_evaluatie_op).toBeNull();
  });

  it('kolommen met een standaardwaarde zijn gevuld op oude rijen (examens, ontvanger)', async () => {
    expect((await feiten(ids.pipDeadline)).examens).toEqual({});
    const ontvangers = await db.query('SELECT DISTINCT ontvanger FROM taak');
    expect(ontvangers).toEqual([{ ontvanger: 'casemanager' }]);
  });

  it('de nachtelijke ladder ziet de aangevulde feiten: T1-escalatie waar die eerder ontbrak', async () => {
    const rij = await feiten(ids.beideAfgegaan);
    const beleid = escalatieBeleidVoor();
    const na = escalaties(peilgegevens(ids.beideAfgegaan, rij), [], '2026-06-01', beleid);
    expect(na).toEqual([
      expect.objectContaining({ soort: 'pip-niet-vastgesteld', niveau: 2, ontvanger: 'teamleider' }),
    ]);
    const voor = escalaties(
      peilgegevens(ids.beideAfgegaan, { ...rij, pip_klok_start: null, pip_uiterlijk: null }),
      [],
      '2026-06-01',
      beleid,
    );
    expect(voor).toEqual([]);
  });

  it('opnieuw draaien verandert niets: migrate() heeft niets te doen, de aanvulling zelf ook niet', async () => {
    const voor = await allesOpgeslagen();
    expect(await migreer(MIGRATIONS)).toEqual([]);
    const runner = db.createQueryRunner();
    try {
      await new LadderfeitenAanvullen1763900000013().up(runner);
    } finally {
      await runner.release();
    }
    expect(await allesOpgeslagen()).toBe(voor);
    // And after the workflow wrote newer facts, a re-run leaves them alone.
    expect(await feiten(ids.laterGeschreven)).toMatchObject({
      pip_klok_start: '2026-01-05',
      pip_uiterlijk: '2026-03-16',
      versie: 4,
    });
    await db.query(
      `UPDATE traject SET pip_klok_start = '2026-01-12', pip_uiterlijk = '2026-03-23', versie = versie + 1
        WHERE id = $1`,
      [ids.laterGeschreven],
    );
    const runner2 = db.createQueryRunner();
    try {
      await new LadderfeitenAanvullen1763900000013().up(runner2);
    } finally {
      await runner2.release();
    }
    expect(await feiten(ids.laterGeschreven)).toMatchObject({
      pip_klok_start: '2026-01-12',
      pip_uiterlijk: '2026-03-23',
      versie: 5,
    });
  });
});
