import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { alsApplicationFailure, buitenBereik } from '../../contract/fouten';
import { DomainError } from '../../domain/shared/fouten';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import type { AppConfig } from '../../platform/config';
import type { TrajectRepository, TrajectRij } from '../../platform/persistence/repositories';
import { gebruiker, nepAudit, nepClient } from '../../test/support/fakes';
import type { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { Metrieken } from '../metrics/metrieken';
import { TrajectenService } from './trajecten.service';

const geenRegister = { namen: async () => new Map() } as unknown as InburgeraarService;

const config = { temporal: { taskQueue: 'tq' }, api: { commandTimeoutMs: 1000 } } as unknown as AppConfig;
const vandaag = datumVanInstant(Date.now());
const ID = '0b8f7c3e-5d2a-4c1b-9e8f-7a6b5c4d3e2f';

function repo(rijen: Partial<TrajectRij>[] = []): TrajectRepository {
  return {
    vind: async (id: string) => (rijen.find((r) => r.id === id) as TrajectRij | undefined) ?? null,
  } as unknown as TrajectRepository;
}

/** A read model that is down: every query fails as when Postgres does not answer. */
const onbereikbaar = {
  vind: async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  },
} as unknown as TrajectRepository;

/** What describe() says of a running traject of `gemeente` (its `Gemeente` search attribute). */
const beschreven =
  (gemeente: string, status = 'RUNNING') =>
  async () => ({
    typedSearchAttributes: { get: () => gemeente },
    status: { name: status },
  });

function service(opties: Parameters<typeof nepClient>[0], rijen: Partial<TrajectRij>[] = []) {
  const audit = nepAudit();
  const temporal = nepClient(opties);
  const s = new TrajectenService(
    temporal.client,
    repo(rijen),
    config,
    audit.service,
    new Metrieken(),
    geenRegister,
  );
  return { s, audit, temporal };
}

const aanmelding = (over: Record<string, unknown> = {}) => ({
  gemeente: 'GM0518',
  doelgroep: 'asielstatushouder' as const,
  kennisgevingsdatum: addDays(vandaag, -10),
  ...over,
});

describe('TrajectenService.meldAan', () => {
  it('checks the aanmelding with the rulebook before anything starts: a future kennisgeving is 422 and audited', async () => {
    const { s, audit, temporal } = service({});
    await expect(
      s.meldAan(
        aanmelding({ kennisgevingsdatum: addDays(vandaag, 1) }),
        'cmd-00000001',
        gebruiker(),
        'req-1',
      ),
    ).rejects.toMatchObject({ problem: { status: 422, code: 'DATUM_IN_TOEKOMST' } });
    expect(temporal.aanroepen).toEqual([]);
    expect(audit.rijen).toMatchObject([
      { actie: 'aanmelden', uitkomst: 'afgewezen', code: 'DATUM_IN_TOEKOMST' },
    ]);
  });

  it('refuses another gemeente with 403 and starts nothing', async () => {
    const { s, audit, temporal } = service({});
    await expect(
      s.meldAan(aanmelding({ gemeente: 'GM0363' }), 'cmd-00000002', gebruiker(), 'req-2'),
    ).rejects.toMatchObject({ problem: { status: 403, code: 'GEMEENTE_NIET_TOEGESTAAN' } });
    expect(temporal.aanroepen).toEqual([]);
    expect(audit.rijen[0]).toMatchObject({ uitkomst: 'afgewezen', code: 'GEMEENTE_NIET_TOEGESTAAN' });
  });

  it('starts one workflow per aanmelding and answers with the status the rulebook computed (the PIP deadline)', async () => {
    const { s, audit, temporal } = service({ start: async () => undefined });
    const { aangemaakt, traject } = await s.meldAan(aanmelding(), 'cmd-00000003', gebruiker(), 'req-3');
    expect(aangemaakt).toBe(true);
    const [start] = temporal.aanroepen;
    const opties = start.args[1] as { workflowId: string; taskQueue: string; args: [{ trajectId: string }] };
    expect(opties.workflowId).toBe(`traject-${traject.id}`);
    expect(opties.taskQueue).toBe('tq');
    expect(opties.args[0].trajectId).toBe(traject.id);
    expect(traject.status?.state.fase).toBe('aangemeld');
    expect(traject.status?.deadlines.map((d) => d.soort)).toContain('pip');
    expect(traject.status?.versie).toBe(1);
    // The gemeente's route as the workflow pins it (issue 15.7); the flag itself is the workflow's to set.
    expect(traject.status?.route).toMatchObject({ id: 'denhaag-asielstatushouder', afgerond: 0 });
    expect(traject.status?.route?.totaal).toBeGreaterThan(0);
    expect((opties.args[0] as unknown as { aanmelding: object }).aanmelding).not.toHaveProperty(
      'gemeenteRoute',
    );
    // The workflow writes the audit row (issue 13): the API only hands it who sent the aanmelding.
    expect(audit.rijen).toEqual([]);
    expect((opties.args[0] as { herkomst?: unknown }).herkomst).toEqual({
      rol: 'casemanager',
      gemeente: 'GM0518',
      requestId: 'req-3',
    });
  });

  it('the same commandId with other content is 409, never a second traject', async () => {
    const { WorkflowExecutionAlreadyStartedError } = await import('@temporalio/client');
    const { s } = service({
      start: async () => {
        throw new WorkflowExecutionAlreadyStartedError('al gestart', 'traject-x', 'trajectWorkflow');
      },
      handle: () => ({ describe: async () => ({ memo: { aanmeldingHash: 'iets anders' } }) }),
    });
    await expect(s.meldAan(aanmelding(), 'cmd-00000004', gebruiker(), 'req-4')).rejects.toMatchObject({
      problem: { status: 409, code: 'COMMAND_ID_HERGEBRUIKT' },
    });
  });
});

describe('TrajectenService.voerUit', () => {
  const rij = { id: ID, gemeente: 'GM0518' };

  it("another gemeente's traject is 404: the caller's scope goes with the Update and the workflow's validator refuses it (issue 14)", async () => {
    // The read model says GM0518 (stale, e.g. just after a verhuizing); the workflow knows better.
    const { s, temporal, audit } = service(
      {
        handle: () => ({
          describe: beschreven('GM0363'),
          executeUpdate: async () => Promise.reject(new WorkflowUpdateFailedError('x', buitenBereik())),
        }),
      },
      [rij],
    );
    await expect(
      s.voerUit(ID, 'intake', { commandId: 'cmd-00000005', datum: vandaag }, gebruiker(), 'req-5'),
    ).rejects.toMatchObject({ problem: { status: 404, code: 'TRAJECT_ONBEKEND' } });
    const update = temporal.aanroepen.find((a) => a.wat === 'executeUpdate');
    expect(update?.args[1]).toMatchObject({ args: [{ herkomst: { bereik: ['GM0518'] } }] });
    // Exactly as an unknown traject: nothing audited, and no describe was needed.
    expect(audit.rijen).toEqual([]);
    expect(temporal.aanroepen.filter((a) => a.wat === 'describe')).toEqual([]);
  });

  it('sends the command as an Update with updateId = commandId and the caller as door', async () => {
    const resultaat = { toegepast: true, events: [], status: null };
    const { s, temporal, audit } = service(
      { handle: () => ({ describe: beschreven('GM0518'), executeUpdate: async () => resultaat }) },
      [rij],
    );
    expect(
      await s.voerUit(ID, 'intake', { commandId: 'cmd-00000006', datum: vandaag }, gebruiker(), 'r'),
    ).toBe(resultaat);
    const update = temporal.aanroepen.find((a) => a.wat === 'executeUpdate');
    expect(update?.workflowId).toBe(`traject-${ID}`);
    expect(update?.args[1]).toEqual({
      args: [
        {
          commandId: 'cmd-00000006',
          datum: vandaag,
          door: 'cm-1',
          herkomst: { rol: 'casemanager', gemeente: 'GM0518', requestId: 'r', bereik: ['GM0518'] },
        },
      ],
      updateId: 'cmd-00000006',
    });
    // An applied command's audit row is the workflow's (issue 13), not the API's; and the tenant check
    // was the validator's: no round trip to Temporal before the Update (issue 14).
    expect(audit.rijen).toEqual([]);
    expect(temporal.aanroepen.map((a) => a.wat)).toEqual(['executeUpdate']);
  });

  it('Postgres down: a command is still applied (nothing of it reads the read model)', async () => {
    const audit = nepAudit();
    const resultaat = { toegepast: true, events: [], status: null };
    const temporal = nepClient({
      handle: () => ({ describe: beschreven('GM0518'), executeUpdate: async () => resultaat }),
    });
    const s = new TrajectenService(
      temporal.client,
      onbereikbaar,
      config,
      audit.service,
      new Metrieken(),
      geenRegister,
    );
    expect(await s.voerUit(ID, 'brp', { commandId: 'cmd-00000010', datum: vandaag }, gebruiker(), 'r')).toBe(
      resultaat,
    );
  });

  it('a closed traject is 409 AFGESLOTEN (Temporal has no running workflow; describe tells closed from unknown)', async () => {
    const weg = () => Promise.reject(new WorkflowNotFoundError('not found', `traject-${ID}`, undefined));
    const { s, audit } = service({
      handle: () => ({ describe: beschreven('GM0518', 'COMPLETED'), executeUpdate: weg }),
    });
    await expect(
      s.voerUit(ID, 'brp', { commandId: 'cmd-00000011', datum: vandaag }, gebruiker(), 'r'),
    ).rejects.toMatchObject({ problem: { status: 409, code: 'AFGESLOTEN' } });
    expect(audit.rijen).toMatchObject([{ uitkomst: 'afgewezen', code: 'AFGESLOTEN' }]);
    // Another gemeente's closed traject is unknown, not closed; a traject that never was is unknown.
    const ander = service({
      handle: () => ({ describe: beschreven('GM0363', 'COMPLETED'), executeUpdate: weg }),
    });
    await expect(
      ander.s.voerUit(ID, 'brp', { commandId: 'cmd-00000012', datum: vandaag }, gebruiker(), 'r'),
    ).rejects.toMatchObject({ problem: { status: 404 } });
    expect(ander.audit.rijen).toEqual([]);
    const nooit = service({ handle: () => ({ describe: weg, executeUpdate: weg }) });
    await expect(
      nooit.s.voerUit(ID, 'brp', { commandId: 'cmd-00000013', datum: vandaag }, gebruiker(), 'r'),
    ).rejects.toMatchObject({ problem: { status: 404 } });
  });

  it("the rulebook's rejection comes back as the same DomainError: 409 with its code and field, audited", async () => {
    const afgewezen = new WorkflowUpdateFailedError(
      'update failed',
      alsApplicationFailure(new DomainError('PIP_VOOR_INTAKE')),
    );
    const { s, audit } = service(
      {
        handle: () => ({
          describe: beschreven('GM0518'),
          executeUpdate: async () => Promise.reject(afgewezen),
        }),
      },
      [rij],
    );
    await expect(
      s.voerUit(
        ID,
        'pip',
        { commandId: 'cmd-00000007', dagtekening: vandaag, leerroute: 'b1' },
        gebruiker(),
        'r',
      ),
    ).rejects.toMatchObject({ problem: { status: 409, code: 'PIP_VOOR_INTAKE' } });
    expect(audit.rijen).toMatchObject([
      { actie: 'stelPipVast', uitkomst: 'afgewezen', code: 'PIP_VOOR_INTAKE' },
    ]);
  });

  it('a refused Update that is not a rule of the rulebook is a 409 AFGEWEZEN, never a 500', async () => {
    const vreemd = new WorkflowUpdateFailedError(
      'x',
      ApplicationFailure.create({ type: 'IETS_ANDERS', message: 'x' }),
    );
    const { s, audit } = service(
      {
        handle: () => ({ describe: beschreven('GM0518'), executeUpdate: async () => Promise.reject(vreemd) }),
      },
      [rij],
    );
    await expect(
      s.voerUit(ID, 'brp', { commandId: 'cmd-00000008', datum: vandaag }, gebruiker(), 'r'),
    ).rejects.toMatchObject({ problem: { status: 409, code: 'AFGEWEZEN' } });
    expect(audit.rijen).toMatchObject([{ uitkomst: 'afgewezen', code: 'AFGEWEZEN' }]);
  });

  it('no worker in time: 503 with Retry-After, nothing audited as applied', async () => {
    const timeout = new WorkflowUpdateRPCTimeoutOrCancelledError('timeout');
    const { s, audit } = service(
      {
        handle: () => ({
          describe: beschreven('GM0518'),
          executeUpdate: async () => Promise.reject(timeout),
        }),
      },
      [rij],
    );
    await expect(
      s.voerUit(ID, 'brp', { commandId: 'cmd-00000009', datum: vandaag }, gebruiker(), 'r'),
    ).rejects.toMatchObject({ problem: { status: 503 }, headers: { 'Retry-After': '5' } });
    expect(audit.rijen).toEqual([]);
    // Without a worker no validator runs: the API asks Temporal whose traject it is, so another
    // gemeente's traject is 404 here too (a 503 would tell that it exists).
    const ander = service({
      handle: () => ({ describe: beschreven('GM0363'), executeUpdate: async () => Promise.reject(timeout) }),
    });
    await expect(
      ander.s.voerUit(ID, 'brp', { commandId: 'cmd-00000014', datum: vandaag }, gebruiker(), 'r'),
    ).rejects.toMatchObject({ problem: { status: 404 } });
  });
});
