import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Typed search attributes of trajectWorkflow (architecture.md, "Temporal contract").
 * No personal data: codes, phases and dates only.
 */
export const searchAttributes = {
  Gemeente: defineSearchAttributeKey('Gemeente', SearchAttributeType.KEYWORD),
  Fase: defineSearchAttributeKey('Fase', SearchAttributeType.KEYWORD),
  Leerroute: defineSearchAttributeKey('Leerroute', SearchAttributeType.KEYWORD),
  Doelgroep: defineSearchAttributeKey('Doelgroep', SearchAttributeType.KEYWORD),
  Casemanager: defineSearchAttributeKey('Casemanager', SearchAttributeType.KEYWORD),
  TermijnEinde: defineSearchAttributeKey('TermijnEinde', SearchAttributeType.DATETIME),
  VolgendeDeadline: defineSearchAttributeKey('VolgendeDeadline', SearchAttributeType.DATETIME),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(searchAttributes);

/** Set by Temporal on a run a schedule started: the time it was scheduled for. */
export const SCHEDULED_START_TIME = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);
