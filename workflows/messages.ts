import { defineQuery } from '@temporalio/workflow';
import type { Aanmelden, Deadline, TrajectState } from '../domain/traject';

/** Message contract of trajectWorkflow (architecture.md): stable names, UIs and replay tests depend on them. */
export const TRAJECT_WORKFLOW_TYPE = 'trajectWorkflow';

export interface TrajectWorkflowInput {
  trajectId: string;
  /** First run: the aanmelding the API validated with the same decider. */
  aanmelding: Aanmelden;
  /** After continue-as-new: the whole state carried over. */
  voortzetting?: { state: TrajectState; versie: number };
}

export interface TrajectStatus {
  state: TrajectState;
  deadlines: Deadline[];
  versie: number;
}

export const statusQuery = defineQuery<TrajectStatus>('status');
