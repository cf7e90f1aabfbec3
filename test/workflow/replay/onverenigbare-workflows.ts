import { sleep } from '@temporalio/workflow';
import { trajectWorkflow as huidig } from '../../../workflows';

// A deliberately incompatible version of the workflow code, only for showing that replay fails:
// it arms a timer before anything else, so its first command differs from every recorded history.
export { escalatieRondeWorkflow } from '../../../workflows';

export async function trajectWorkflow(...args: Parameters<typeof huidig>): ReturnType<typeof huidig> {
  await sleep('1 second');
  return huidig(...args);
}
