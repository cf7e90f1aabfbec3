import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { AuditModule, AuditService } from '../../api/audit';
import { type ApiDeps, InfrastructureModule } from '../../api/infrastructure/infrastructure.module';
import type { Gebruiker } from '../../platform/auth';
import { loadConfig } from '../../platform/config';
import { AuditEventRecord } from '../../platform/persistence/audit-event.entity';
import { createDataSource } from '../../platform/persistence/data-source';
import { AuditRepository } from '../../platform/persistence/repositories';
import { e2eDatabase } from '../support/database';

// Against this file's own database in the e2e Postgres (a copy of the template the global setup
// migrated with every migration in data-source.ts): the table holds only this file's rows.
jest.setTimeout(30_000);

@Module({})
class Test {
  static met(deps: ApiDeps): DynamicModule {
    return { module: Test, imports: [InfrastructureModule.forRoot(deps), AuditModule] };
  }
}

let context: INestApplicationContext;
let dataSource: DataSource;
let audit: AuditService;
const casemanager: Gebruiker = { sub: 'u-7f3a', rol: 'casemanager', gemeente: 'GM0518' };

beforeAll(async () => {
  const url = await e2eDatabase();
  dataSource = await createDataSource(url, 'inburgering-e2e-audit').initialize();
  // Wired as the API wires it: AuditModule next to the global InfrastructureModule.
  context = await NestFactory.createApplicationContext(
    Test.met({ config: loadConfig({ DATABASE_URL: url }), dataSource, client: {} as Client }),
    { logger: false },
  );
  audit = context.get(AuditService);
});
afterAll(async () => {
  await context?.close();
  await dataSource?.destroy();
});

const aantal = async (): Promise<number> =>
  (await dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n;
const metRequestId = async (requestId: string): Promise<number> =>
  (await dataSource.query('SELECT count(*)::int AS n FROM audit_event WHERE request_id = $1', [requestId]))[0]
    .n;

describe('audit_event', () => {
  it('AuditService.schrijf legt één rij vast met tijd, actor, rol, gemeente, actie en uitkomst', async () => {
    const trajectId = randomUUID();
    const requestId = randomUUID();
    const { id, tijd } = await audit.schrijf({
      gebruiker: casemanager,
      actie: 'intake',
      trajectId,
      commandId: 'cmd-0001-intake',
      uitkomst: 'afgewezen',
      code: 'PIP_VOOR_INTAKE',
      requestId,
    });
    expect(tijd).toBeInstanceOf(Date);
    expect(Math.abs(tijd.getTime() - Date.now())).toBeLessThan(60_000);
    const rij = await dataSource.getRepository(AuditEventRecord).findOneByOrFail({ id });
    expect(rij).toEqual({
      id,
      tijd,
      actor: 'u-7f3a',
      rol: 'casemanager',
      gemeente: 'GM0518',
      actie: 'intake',
      trajectId,
      commandId: 'cmd-0001-intake',
      uitkomst: 'afgewezen',
      code: 'PIP_VOOR_INTAKE',
      requestId,
      bron: 'api',
    });
  });

  it('de rijen van de workflow (issue 13): één per traject + commandId + uitkomst, hoe vaak ook herhaald', async () => {
    const repo = new AuditRepository(dataSource);
    const trajectId = randomUUID();
    const regel = {
      actor: 'cm-1',
      rol: 'casemanager',
      gemeente: 'GM0518',
      actie: 'registreerUren',
      trajectId,
      commandId: `ui:${randomUUID()}`,
      uitkomst: 'geaccepteerd' as const,
      code: null,
      requestId: randomUUID(),
    };
    // A retried activity, a repeated command, and the same row twice in one batch.
    expect(await repo.voegToeVoorWorkflow([regel])).toBe(1);
    expect(await repo.voegToeVoorWorkflow([regel, regel])).toBe(0);
    expect(await repo.voegToeVoorWorkflow([{ ...regel, uitkomst: 'afgewezen', code: 'UREN_ONGELDIG' }])).toBe(
      1,
    );
    const rijen = await dataSource.query(
      'SELECT uitkomst, bron FROM audit_event WHERE traject_id = $1 ORDER BY uitkomst',
      [trajectId],
    );
    expect(rijen).toEqual([
      { uitkomst: 'afgewezen', bron: 'workflow' },
      { uitkomst: 'geaccepteerd', bron: 'workflow' },
    ]);
  });

  it('operations zonder gemeente, zonder traject of code', async () => {
    const { id } = await audit.schrijf({
      gebruiker: { sub: 'ops-1', rol: 'operations', gemeente: null },
      actie: 'geschiedenis',
      uitkomst: 'geaccepteerd',
      requestId: randomUUID(),
    });
    expect(await dataSource.getRepository(AuditEventRecord).findOneByOrFail({ id })).toMatchObject({
      gemeente: null,
      trajectId: null,
      commandId: null,
      code: null,
    });
  });

  it('de database weigert vrije tekst: geen naam als actor, geen zin als actie, geen onbekende uitkomst', async () => {
    const basis = { actie: 'intake', uitkomst: 'geaccepteerd' as const, requestId: randomUUID() };
    const voor = await aantal();
    await expect(
      audit.schrijf({ ...basis, gebruiker: { ...casemanager, sub: 'Jan de Vries' } }),
    ).rejects.toThrow(/audit_event_actor_check/);
    await expect(
      audit.schrijf({ ...basis, gebruiker: casemanager, actie: 'intake voor mevrouw X op 1-2-1980' }),
    ).rejects.toThrow(/audit_event_actie_check/);
    await expect(
      audit.schrijf({ ...basis, gebruiker: casemanager, uitkomst: 'misschien' as 'geaccepteerd' }),
    ).rejects.toThrow(/audit_event_uitkomst_check/);
    await expect(audit.schrijf({ ...basis, gebruiker: casemanager, requestId: '' })).rejects.toThrow(
      /audit_event_request_id_check/,
    );
    expect(await aantal()).toBe(voor);
    expect(await metRequestId(basis.requestId)).toBe(0);
  });

  describe('alleen toevoegen, afgedwongen in de database', () => {
    let id: string;
    beforeAll(async () => {
      ({ id } = await audit.schrijf({
        gebruiker: casemanager,
        actie: 'pip',
        trajectId: randomUUID(),
        commandId: randomUUID(),
        uitkomst: 'geaccepteerd',
        requestId: randomUUID(),
      }));
    });

    it.each([
      ['UPDATE', `UPDATE audit_event SET uitkomst = 'afgewezen' WHERE id = $1`],
      ['DELETE', 'DELETE FROM audit_event WHERE id = $1'],
    ])('%s faalt met de fout van de trigger', async (op, sql) => {
      await expect(dataSource.query(sql, [id])).rejects.toThrow(
        `audit_event is alleen-toevoegen: ${op} is niet toegestaan`,
      );
      expect(await dataSource.getRepository(AuditEventRecord).findOneByOrFail({ id })).toMatchObject({
        uitkomst: 'geaccepteerd',
      });
    });

    it('ook als geen rij past, en via de repository', async () => {
      await expect(dataSource.query('DELETE FROM audit_event WHERE false')).rejects.toThrow(
        /alleen-toevoegen: DELETE/,
      );
      await expect(
        dataSource.getRepository(AuditEventRecord).update({ id }, { actie: 'iets-anders' }),
      ).rejects.toThrow(/alleen-toevoegen: UPDATE/);
    });

    it('TRUNCATE faalt ook, en niets is weg', async () => {
      const voor = await aantal();
      await expect(dataSource.query('TRUNCATE audit_event')).rejects.toThrow(/alleen-toevoegen: TRUNCATE/);
      expect(await aantal()).toBe(voor);
      const [{ code }] = await dataSource
        .query('UPDATE audit_event SET actie = actie')
        .catch((err: { code?: string }) => [{ code: err.code }]);
      expect(code).toBe('42501');
    });
  });
});
