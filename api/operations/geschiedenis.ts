import type { PayloadCodec } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { google, temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;
const EventType = temporal.api.enums.v1.EventType;

/** One event of a traject's Temporal history, told for operations staff. */
export interface GeschiedenisRegel {
  eventId: number;
  tijd: string | null;
  /** The event type without its prefix, e.g. WORKFLOW_EXECUTION_UPDATE_ACCEPTED. */
  soort: string;
  beschrijving: string;
  /** Structured facts: command and commandId, by whom, timer, activity and attempt, failure. */
  details: Record<string, unknown>;
}

/** Event types that are plumbing (a workflow task was scheduled, started, completed). */
const RUIS = new Set<number>([
  EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
]);

export function isRuis(event: HistoryEvent): boolean {
  return RUIS.has(Number(event.eventType));
}

/** A protobuf timestamp as a Date (null when absent). */
export function tijdstip(ts: google.protobuf.ITimestamp | null | undefined): Date | null {
  if (!ts?.seconds) return null;
  return new Date(Number(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6));
}

function seconden(d: google.protobuf.IDuration | null | undefined): number {
  return d ? Number(d.seconds ?? 0) + (d.nanos ?? 0) / 1e9 : 0;
}

/**
 * Payloads in a history are encrypted (platform/crypto): decrypt those of commands in place, so the
 * lines below can name the command's id and actor. Nothing else of the content is ever shown.
 */
export async function ontsleutelCommandos(
  events: temporal.api.history.v1.IHistoryEvent[],
  codec: PayloadCodec,
): Promise<void> {
  for (const event of events) {
    const houders = [
      event.workflowExecutionSignaledEventAttributes?.input,
      event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args,
    ];
    for (const houder of houders) {
      if (houder?.payloads?.length) {
        houder.payloads = (await codec.decode(houder.payloads as never)) as typeof houder.payloads;
      }
    }
  }
}

/** The first argument of a command (a JSON payload); only its id fields are shown, never the content. */
function commando(payloads: Payloads): { commandId?: string; door?: string } {
  const eerste = payloads?.payloads?.[0];
  if (!eerste) return {};
  try {
    const waarde = defaultPayloadConverter.fromPayload<Record<string, unknown>>(eerste as never);
    return {
      commandId: typeof waarde?.commandId === 'string' ? waarde.commandId : undefined,
      door: typeof waarde?.door === 'string' ? waarde.door : undefined,
    };
  } catch {
    return {};
  }
}

function fout(f: temporal.api.failure.v1.IFailure | null | undefined): Record<string, unknown> {
  if (!f) return {};
  return {
    fout: f.message ?? '',
    foutType: f.applicationFailureInfo?.type ?? undefined,
    oorzaak: f.cause?.message ?? undefined,
  };
}

const wie = (door: string | undefined) => (door ? ` door ${door}` : '');

/**
 * A marker's plain-JSON detail written by the SDK's core (not through the codec: it holds only ids and
 * names, e.g. a local activity's type and attempt, or a patch's id), or undefined.
 */
function markerDetail(
  details: Record<string, temporal.api.common.v1.IPayloads> | null | undefined,
  sleutel: string,
): Record<string, unknown> | undefined {
  const payload = details?.[sleutel]?.payloads?.[0];
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload<Record<string, unknown>>(payload as never) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Issue 14: side effects run as local activities first (one marker each), patches leave a marker. */
function beschrijfMarker(
  a: temporal.api.history.v1.IMarkerRecordedEventAttributes | null | undefined,
  regel: (beschrijving: string, details?: Record<string, unknown>) => GeschiedenisRegel,
): GeschiedenisRegel {
  if (a?.markerName === 'core_local_activity') {
    const data = markerDetail(a.details, 'data');
    const naam = typeof data?.activity_type === 'string' ? data.activity_type : '?';
    const poging = typeof data?.attempt === 'number' ? data.attempt : 1;
    return a.failure
      ? regel(`Lokale activiteit ${naam} mislukt (poging ${poging}); de gewone activiteit neemt het over`, {
          activiteit: naam,
          poging,
          lokaal: true,
          ...fout(a.failure),
        })
      : regel(`Activiteit ${naam} lokaal uitgevoerd`, { activiteit: naam, poging, lokaal: true });
  }
  if (a?.markerName === 'core_patch') {
    const id = markerDetail(a.details, 'patch-data')?.id;
    return regel(`Versiemarkering ${typeof id === 'string' ? id : '?'} (workflowcode met deze wijziging)`, {
      patch: typeof id === 'string' ? id : undefined,
    });
  }
  return regel(`Markering ${a?.markerName ?? '?'}`);
}

/**
 * Turns one raw history event into a readable line: which command by whom, which timer fired,
 * which activity failed and how often it was retried. `timers` and `activiteiten` carry the names
 * from earlier events (a TimerFired or ActivityTaskFailed refers to its scheduling event by id).
 */
export function beschrijfEvent(
  event: HistoryEvent,
  context: { activiteiten: Map<number, string> },
): GeschiedenisRegel {
  const eventId = Number(event.eventId ?? 0);
  const soortNaam = EventType[Number(event.eventType)] ?? `ONBEKEND_${event.eventType}`;
  const soort = soortNaam.replace(/^EVENT_TYPE_/, '');
  const wanneer = tijdstip(event.eventTime);
  const regel = (beschrijving: string, details: Record<string, unknown> = {}): GeschiedenisRegel => ({
    eventId,
    tijd: wanneer?.toISOString() ?? null,
    soort,
    beschrijving,
    details: Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)),
  });

  switch (Number(event.eventType)) {
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
      const a = event.workflowExecutionStartedEventAttributes;
      const vorige = a?.continuedExecutionRunId || undefined;
      return regel(
        vorige
          ? 'Traject voortgezet in een nieuwe run (continue-as-new), met de hele toestand'
          : `Traject gestart (${a?.workflowType?.name ?? 'workflow'})`,
        { vorigeRunId: vorige, taskQueue: a?.taskQueue?.name ?? undefined },
      );
    }
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
      const req = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      const naam = req?.input?.name ?? '?';
      const { commandId, door } = commando(req?.input?.args);
      return regel(`Commando ${naam} aangenomen${wie(door)}`, { commando: naam, commandId, door });
    }
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
      const a = event.workflowExecutionUpdateCompletedEventAttributes;
      const mislukt = a?.outcome?.failure;
      return regel(mislukt ? `Commando afgewezen: ${mislukt.message}` : 'Commando verwerkt', {
        commandId: a?.meta?.updateId ?? undefined,
        ...fout(mislukt),
      });
    }
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED: {
      const a = event.workflowExecutionSignaledEventAttributes;
      const naam = a?.signalName ?? '?';
      const { commandId, door } = commando(a?.input);
      return regel(`Signaal ${naam} ontvangen${wie(door)}`, { commando: naam, commandId, door });
    }
    case EventType.EVENT_TYPE_TIMER_STARTED: {
      const a = event.timerStartedEventAttributes;
      const s = seconden(a?.startToFireTimeout);
      const afgaan = wanneer ? new Date(wanneer.getTime() + s * 1000).toISOString() : undefined;
      return regel(`Timer gezet: gaat af op ${afgaan ?? `over ${s} s`}`, { timerId: a?.timerId, afgaan });
    }
    case EventType.EVENT_TYPE_TIMER_FIRED:
      return regel('Timer afgegaan: de volgende deadline is bereikt', {
        timerId: event.timerFiredEventAttributes?.timerId,
      });
    case EventType.EVENT_TYPE_TIMER_CANCELED:
      return regel('Timer geannuleerd (een bericht kwam eerder)', {
        timerId: event.timerCanceledEventAttributes?.timerId,
      });
    case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
      const naam = event.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
      context.activiteiten.set(eventId, naam);
      return regel(`Activiteit ${naam} gepland`, { activiteit: naam });
    }
    case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
      const a = event.activityTaskStartedEventAttributes;
      const naam = context.activiteiten.get(Number(a?.scheduledEventId)) ?? '?';
      const poging = a?.attempt ?? 1;
      return regel(
        poging > 1
          ? `Activiteit ${naam} gestart, poging ${poging} (eerdere pogingen mislukten: ${a?.lastFailure?.message ?? 'onbekend'})`
          : `Activiteit ${naam} gestart`,
        { activiteit: naam, poging, ...(poging > 1 ? fout(a?.lastFailure) : {}) },
      );
    }
    case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: {
      const naam =
        context.activiteiten.get(Number(event.activityTaskCompletedEventAttributes?.scheduledEventId)) ?? '?';
      return regel(`Activiteit ${naam} geslaagd`, { activiteit: naam });
    }
    case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED: {
      const a = event.activityTaskFailedEventAttributes;
      const naam = context.activiteiten.get(Number(a?.scheduledEventId)) ?? '?';
      return regel(`Activiteit ${naam} definitief mislukt: ${a?.failure?.message ?? ''}`, {
        activiteit: naam,
        ...fout(a?.failure),
      });
    }
    case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: {
      const a = event.activityTaskTimedOutEventAttributes;
      const naam = context.activiteiten.get(Number(a?.scheduledEventId)) ?? '?';
      return regel(`Activiteit ${naam} verlopen (time-out)`, { activiteit: naam, ...fout(a?.failure) });
    }
    case EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED: {
      const a = event.workflowTaskFailedEventAttributes;
      return regel(`Workflow-taak mislukt: ${a?.failure?.message ?? 'onbekend'}`, fout(a?.failure));
    }
    case EventType.EVENT_TYPE_MARKER_RECORDED:
      return beschrijfMarker(event.markerRecordedEventAttributes, regel);
    case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
      return regel('Zoekattributen bijgewerkt (fase, deadlines, casemanager)', {
        namen: Object.keys(
          event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {},
        ),
      });
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
      return regel('Traject afgesloten (workflow voltooid)');
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
      return regel('Doorgegaan in een nieuwe run (continue-as-new)', {
        nieuweRunId: event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined,
      });
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
      return regel(
        `Workflow mislukt: ${event.workflowExecutionFailedEventAttributes?.failure?.message ?? ''}`,
        fout(event.workflowExecutionFailedEventAttributes?.failure),
      );
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
      return regel(
        `Workflow beëindigd door beheer: ${event.workflowExecutionTerminatedEventAttributes?.reason ?? ''}`,
      );
    case EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
      return regel('Workflow-taak gepland');
    case EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
      return regel('Workflow-taak gestart');
    case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
      return regel('Workflow-taak voltooid');
    default:
      return regel(soort.toLowerCase().replaceAll('_', ' '));
  }
}
