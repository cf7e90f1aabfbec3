/** Workflow ids carry a random uuid only, never a BSN or name (architecture.md). */
export const TRAJECT_WORKFLOW_PREFIX = 'traject-';

export function trajectWorkflowId(trajectId: string): string {
  return `${TRAJECT_WORKFLOW_PREFIX}${trajectId}`;
}
