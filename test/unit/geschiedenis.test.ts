import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { beschrijfEvent } from '../../api/operations/geschiedenis';

type Event = temporal.api.history.v1.IHistoryEvent;
/** Test events as plain objects; the decoder reads numbers and Longs alike. */
const ev = (e: Record<string, unknown>) => e as unknown as Event;

const E = temporal.api.enums.v1.EventType;
const t = (s: number) => ({ seconds: s, nanos: 0 });

describe('geschiedenis: events leesbaar gemaakt', () => {
  it('een activiteit die mislukt, opnieuw wordt geprobeerd en slaagt', () => {
    const context = { activiteiten: new Map<number, string>() };
    const regels = [
      {
        eventId: 5,
        eventType: E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
        eventTime: t(1_800_000_000),
        activityTaskScheduledEventAttributes: { activityType: { name: 'maakTaken' } },
      },
      {
        eventId: 6,
        eventType: E.EVENT_TYPE_ACTIVITY_TASK_STARTED,
        activityTaskStartedEventAttributes: {
          scheduledEventId: 5,
          attempt: 4,
          lastFailure: { message: 'connect ECONNREFUSED 127.0.0.1:5432' },
        },
      },
      {
        eventId: 7,
        eventType: E.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
        activityTaskCompletedEventAttributes: { scheduledEventId: 5 },
      },
      {
        eventId: 8,
        eventType: E.EVENT_TYPE_ACTIVITY_TASK_FAILED,
        activityTaskFailedEventAttributes: {
          scheduledEventId: 5,
          failure: { message: 'kapot', applicationFailureInfo: { type: 'X' } },
        },
      },
    ].map((e) => beschrijfEvent(ev(e), context));
    expect(regels[0]).toMatchObject({
      eventId: 5,
      soort: 'ACTIVITY_TASK_SCHEDULED',
      tijd: new Date(1_800_000_000_000).toISOString(),
      beschrijving: 'Activiteit maakTaken gepland',
    });
    expect(regels[1].beschrijving).toBe(
      'Activiteit maakTaken gestart, poging 4 (eerdere pogingen mislukten: connect ECONNREFUSED 127.0.0.1:5432)',
    );
    expect(regels[1].details).toMatchObject({ activiteit: 'maakTaken', poging: 4 });
    expect(regels[2].beschrijving).toBe('Activiteit maakTaken geslaagd');
    expect(regels[3]).toMatchObject({
      beschrijving: 'Activiteit maakTaken definitief mislukt: kapot',
      details: { fout: 'kapot', foutType: 'X' },
    });
  });

  it('timer, signaal en afgewezen update', () => {
    const context = { activiteiten: new Map<number, string>() };
    const timer = beschrijfEvent(
      ev({
        eventId: 9,
        eventType: E.EVENT_TYPE_TIMER_STARTED,
        eventTime: t(1_800_000_000),
        timerStartedEventAttributes: { timerId: '3', startToFireTimeout: { seconds: 86_400 } },
      }),
      context,
    );
    expect(timer.beschrijving).toBe(`Timer gezet: gaat af op ${new Date(1_800_086_400_000).toISOString()}`);
    const payload = {
      metadata: { encoding: Buffer.from('json/plain') },
      data: Buffer.from(JSON.stringify({ commandId: 'duo:examen:1', door: 'duo-feed', component: 'knm' })),
    };
    const signaal = beschrijfEvent(
      ev({
        eventId: 10,
        eventType: E.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
        workflowExecutionSignaledEventAttributes: {
          signalName: 'registreerExamenresultaat',
          input: { payloads: [payload] },
        },
      }),
      context,
    );
    expect(signaal).toMatchObject({
      beschrijving: 'Signaal registreerExamenresultaat ontvangen door duo-feed',
      details: { commandId: 'duo:examen:1', door: 'duo-feed' },
    });
    // Only the ids of a command are shown, not its content.
    expect(JSON.stringify(signaal)).not.toContain('knm');
    const afgewezen = beschrijfEvent(
      ev({
        eventId: 11,
        eventType: E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
        workflowExecutionUpdateCompletedEventAttributes: {
          meta: { updateId: 'c-1' },
          outcome: {
            failure: {
              message: 'PIP kan niet vóór de intake',
              applicationFailureInfo: { type: 'PIP_VOOR_INTAKE' },
            },
          },
        },
      }),
      context,
    );
    expect(afgewezen).toMatchObject({
      beschrijving: 'Commando afgewezen: PIP kan niet vóór de intake',
      details: { commandId: 'c-1', foutType: 'PIP_VOOR_INTAKE' },
    });
    const onbekend = beschrijfEvent(ev({ eventId: 12, eventType: E.EVENT_TYPE_TIMER_CANCELED }), context);
    expect(onbekend.beschrijving).toMatch(/geannuleerd/);
  });

  it('markeringen: lokale activiteiten en patches uit een echte opname (issue 14), zonder inhoud', () => {
    // Recorded by scripts/record-histories.ts with the current workflow: every side effect a local
    // activity (a marker), every patch a marker.
    const opname = historyFromJSON(
      JSON.parse(
        fs.readFileSync(
          path.join(__dirname, '..', 'fixtures', 'histories', 'versleuteld-effecten-lokaal.json'),
          'utf8',
        ),
      ),
    );
    const context = { activiteiten: new Map<number, string>() };
    const regels = (opname.events ?? [])
      .filter((e) => Number(e.eventType) === E.EVENT_TYPE_MARKER_RECORDED)
      .map((e) => beschrijfEvent(e, context).beschrijving);
    expect(regels).toContain('Activiteit schrijfTrajectReadModel lokaal uitgevoerd');
    expect(regels).toContain('Activiteit schrijfAudit lokaal uitgevoerd');
    expect(regels).toContain('Versiemarkering effecten-lokaal (workflowcode met deze wijziging)');
    expect(regels).toContain('Versiemarkering deadline-timer-blijft (workflowcode met deze wijziging)');
    expect(regels.filter((r) => r.startsWith('Markering '))).toEqual([]);
    // No regular activity left in a traject recorded with this version.
    expect(
      (opname.events ?? []).filter((e) => Number(e.eventType) === E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    ).toEqual([]);
  });

  it('een mislukte lokale poging: de gewone activiteit neemt het over', () => {
    const data = {
      metadata: { encoding: Buffer.from('json/plain') },
      data: Buffer.from(
        JSON.stringify({ seq: 1, attempt: 2, activity_id: '1', activity_type: 'schrijfAudit' }),
      ),
    };
    const regel = beschrijfEvent(
      ev({
        eventId: 14,
        eventType: E.EVENT_TYPE_MARKER_RECORDED,
        markerRecordedEventAttributes: {
          markerName: 'core_local_activity',
          details: { data: { payloads: [data] } },
          failure: { message: 'connect ECONNREFUSED 127.0.0.1:5432' },
        },
      }),
      { activiteiten: new Map() },
    );
    expect(regel).toMatchObject({
      beschrijving: 'Lokale activiteit schrijfAudit mislukt (poging 2); de gewone activiteit neemt het over',
      details: {
        activiteit: 'schrijfAudit',
        poging: 2,
        lokaal: true,
        fout: 'connect ECONNREFUSED 127.0.0.1:5432',
      },
    });
  });
});
