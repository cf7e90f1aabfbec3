import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { alsApplicationFailure } from '../../contract/fouten';
import { bevatBsnVorm } from '../../domain/shared/bsn-vorm';
import { DomainError } from '../../domain/shared/fouten';
import { beginToestand, pasToe, type TrajectStatus, trajectStatus } from '../../domain/traject';
import type { AppConfig } from '../../platform/config';
import type { TrajectRepository } from '../../platform/persistence/repositories';
import { gebruiker, nepAudit, nepClient } from '../../test/support/fakes';
import { ProblemException } from '../common/problem';
import { Metrieken } from '../metrics/metrieken';
import { voortgangSchema } from './aanbieders.dto';
import { AanbiedersService, voortgangCommandId } from './aanbieders.service';

const EIGEN = '0b8f7c3e-5d2a-4c1b-9e8f-7a6b5c4d3e2f';
const ZONDER = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ANDER_GEMEENTE = '2e3d4c5b-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const ONBEKEND = '3f4e5d6c-7a8b-4c9d-8e0f-2a3b4c5d6e7f';

/** A B1 traject with its offer started by `aanbieder` (or nobody), in `gemeente`: the workflow's status. */
function status(trajectId: string, aanbieder: string | null, gemeente = 'GM0518'): TrajectStatus {
  let t = beginToestand(trajectId);
  const stappen = [
    { type: 'aanmelden', gemeente, doelgroep: 'gezinsmigrant', kennisgevingsdatum: '2026-01-05' },
    { type: 'registreerIntake', datum: '2026-02-02' },
    { type: 'stelPipVast', dagtekening: '2026-03-02', leerroute: 'b1' },
    { type: 'startAanbod', datum: '2026-03-09', ...(aanbieder ? { aanbieder } : {}) },
  ];
  for (const [i, c] of stappen.entries()) {
    t = pasToe(t, { ...c, commandId: `c${i}` } as never, '2026-11-01').toestand;
  }
  return trajectStatus(t);
}

const STATUSSEN: Record<string, TrajectStatus> = {
  [EIGEN]: status(EIGEN, 'taalschool-noord'),
  [ZONDER]: status(ZONDER, null),
  [ANDER_GEMEENTE]: status(ANDER_GEMEENTE, 'taalschool-noord', 'GM0363'),
};

const config = { api: { commandTimeoutMs: 1000 } } as AppConfig;
const noord = gebruiker({ rol: 'taalaanbieder', sub: 'ta-1', organisatie: 'taalschool-noord' });
const zuid = gebruiker({ rol: 'taalaanbieder', sub: 'ta-2', organisatie: 'taalschool-zuid' });

function service(executeUpdate: (...args: unknown[]) => Promise<unknown> = async () => undefined) {
  const audit = nepAudit();
  const temporal = nepClient({
    handle: (workflowId) => ({
      query: async () => {
        const s = STATUSSEN[workflowId.replace('traject-', '')];
        if (!s) throw new WorkflowNotFoundError('weg', workflowId, undefined);
        return s;
      },
      executeUpdate,
    }),
  });
  const s = new AanbiedersService(
    temporal.client,
    {} as TrajectRepository,
    config,
    audit.service,
    new Metrieken(),
  );
  return { s, audit, temporal };
}

const body = (over: Record<string, unknown> = {}) =>
  voortgangSchema.parse({
    trajectId: EIGEN,
    week: '2026-W40',
    lesuren: 10,
    verzuimGeoorloofd: 1,
    verzuimOngeoorloofd: 2,
    ...over,
  });

async function status404(p: Promise<unknown>): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(ProblemException);
  const fout = (await p.catch((e) => e)) as ProblemException;
  expect(fout.getStatus()).toBe(404);
  expect(fout.getResponse()).toMatchObject({ code: 'TRAJECT_ONBEKEND' });
}

describe('AanbiedersService', () => {
  it('de eigen aanbieder ziet route, taaldoelen en zijn weken; niets van de persoon of de casemanager', async () => {
    const { s } = service();
    const view = await s.haalOp(EIGEN, noord);
    expect(view).toEqual({
      id: EIGEN,
      gemeente: 'GM0518',
      leerroute: 'b1',
      taaldoelen: expect.any(Object),
      aanbodGestartOp: '2026-03-09',
      afgesloten: false,
      lesurenTotaal: 0,
      weken: [],
    });
  });

  it('een andere aanbieder, een traject zonder aanbieder, een andere gemeente, onbekend of geen uuid: 404', async () => {
    const { s, audit, temporal } = service();
    await status404(s.haalOp(EIGEN, zuid));
    await status404(s.haalOp(ZONDER, noord));
    await status404(s.haalOp(ANDER_GEMEENTE, noord));
    await status404(s.haalOp(ONBEKEND, noord));
    await status404(s.haalOp('geen-uuid', noord));
    await status404(s.haalOp(EIGEN, gebruiker({ rol: 'taalaanbieder' })));
    await status404(s.registreer(body(), zuid, 'req-1'));
    await status404(s.registreer(body({ trajectId: ZONDER }), noord, 'req-1'));
    // Nothing was sent to any workflow.
    expect(temporal.aanroepen.filter((a) => a.wat === 'executeUpdate')).toEqual([]);
    expect(audit.rijen).toEqual([]);
  });

  it('een melding gaat als Update met de organisatie uit het token en een commandId per week en inhoud', async () => {
    const { s, temporal } = service(async () => ({ toegepast: true, events: [], status: STATUSSEN[EIGEN] }));
    const uit = await s.registreer(body(), noord, 'req-2');
    expect(uit.toegepast).toBe(true);
    const [update] = temporal.aanroepen.filter((a) => a.wat === 'executeUpdate');
    const [, opties] = update.args as [unknown, { args: Record<string, unknown>[]; updateId: string }];
    expect(opties.args[0]).toMatchObject({
      aanbieder: 'taalschool-noord',
      week: '2026-W40',
      lesuren: 10,
      door: 'ta-1',
      herkomst: { rol: 'taalaanbieder', gemeente: 'GM0518', requestId: 'req-2' },
    });
    expect(opties.args[0]).not.toHaveProperty('trajectId');
    expect(opties.updateId).toBe(voortgangCommandId('taalschool-noord', body()));
    expect(opties.args[0].commandId).toBe(opties.updateId);
  });

  it('commandId: dezelfde melding dezelfde id (ook met toetsen in een andere volgorde), een correctie een andere', () => {
    const a = voortgangCommandId('taalschool-noord', body());
    expect(a).toMatch(/^aanbieder:2026-W40:[0-9a-f]{32}$/);
    expect(bevatBsnVorm(a)).toBe(false);
    expect(voortgangCommandId('taalschool-noord', body())).toBe(a);
    expect(voortgangCommandId('taalschool-noord', body({ lesuren: 11 }))).not.toBe(a);
    expect(voortgangCommandId('taalschool-zuid', body())).not.toBe(a);
    const t1 = [
      { component: 'lezen', niveau: 'A2' },
      { component: 'spreken', niveau: 'B1' },
    ];
    expect(voortgangCommandId('x1', body({ toetsen: t1 }))).toBe(
      voortgangCommandId('x1', body({ toetsen: [...t1].reverse() })),
    );
  });

  it('de body kan de organisatie niet zetten; uren in kwartieren; trajectId een uuid', () => {
    expect(voortgangSchema.safeParse({ ...body(), aanbieder: 'taalschool-zuid' }).success).toBe(false);
    expect(voortgangSchema.safeParse({ ...body(), lesuren: 1.3 }).success).toBe(false);
    expect(voortgangSchema.safeParse({ ...body(), trajectId: '123456782' }).success).toBe(false);
  });

  it('een weigering van het regelboek: geaudit; AANBIEDER_ONBEKEND (net overgenomen) als 404, de rest 409/422', async () => {
    const weiger = (code: 'AANBIEDER_ONBEKEND' | 'WEEK_VOOR_AANBOD') => async () => {
      throw new WorkflowUpdateFailedError('x', alsApplicationFailure(new DomainError(code, 'week')));
    };
    const eerst = service(weiger('AANBIEDER_ONBEKEND'));
    await status404(eerst.s.registreer(body(), noord, 'req-3'));
    expect(eerst.audit.rijen.map((r) => [r.uitkomst, r.code, r.rol])).toEqual([
      ['afgewezen', 'AANBIEDER_ONBEKEND', 'taalaanbieder'],
    ]);
    const dan = service(weiger('WEEK_VOOR_AANBOD'));
    const fout = (await dan.s.registreer(body(), noord, 'req-4').catch((e) => e)) as ProblemException;
    expect(fout.getStatus()).toBe(422);
    expect(fout.getResponse()).toMatchObject({ code: 'WEEK_VOOR_AANBOD' });
    expect(dan.audit.rijen).toHaveLength(1);
  });

  it('geen worker op tijd: 503 met Retry-After, niets toegepast', async () => {
    const { s } = service(async () => {
      throw Object.assign(new Error('deadline'), { code: 4 });
    });
    const fout = (await s.registreer(body(), noord, 'req-5').catch((e) => e)) as ProblemException;
    expect(fout.getStatus()).toBe(503);
  });
});

describe('AanbiedersService: herhaling', () => {
  it('een melding die de workflow al verwerkte: 200-antwoord (toegepast false), geen Update', async () => {
    const { s, temporal } = service(async () => {
      throw new Error('niet verwacht');
    });
    const b = body();
    const id = voortgangCommandId('taalschool-noord', b);
    const eigen = STATUSSEN[EIGEN];
    STATUSSEN[EIGEN] = {
      ...eigen,
      state: { ...eigen.state, verwerkteCommandIds: [...eigen.state.verwerkteCommandIds, id] },
    };
    try {
      expect((await s.registreer(b, noord, 'req-6')).toegepast).toBe(false);
      expect(temporal.aanroepen.filter((a) => a.wat === 'executeUpdate')).toEqual([]);
    } finally {
      STATUSSEN[EIGEN] = eigen;
    }
  });
});
