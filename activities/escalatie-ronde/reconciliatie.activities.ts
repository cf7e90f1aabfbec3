import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { ReconciliatieBevinding, ReconciliatiePagina } from '../../contract/escalatie-ronde';
import { searchAttributes } from '../../contract/search-attributes';
import type { Repositories } from '../../platform/persistence/repositories';
import { hervatVan, metGrens, perBlok } from './pagineren';

/** Parallel describe calls during reconciliation. */
const PARALLEL = 32;
const MAX_BEVINDINGEN_PER_PAGINA = 50;

/**
 * Reconciliation: every open read-model row must have a running workflow, and the workflow's search
 * attributes (upserted in the same workflow task as the read-model write) must agree with the row;
 * otherwise the row lags behind (its write failed or is still pending).
 */
export function createReconciliatieActivities(repos: Pick<Repositories, 'trajecten'>) {
  return {
    async reconcilieerPagina(o: { naId: string | null; grootte: number }): Promise<ReconciliatiePagina> {
      const client = Context.current().client;
      const hervat = hervatVan<ReconciliatiePagina>();
      let zonder = hervat.zonderLopendeWorkflow ?? 0;
      let verouderd = hervat.verouderd ?? 0;
      const bevindingen: ReconciliatieBevinding[] = [];
      const vind = (b: ReconciliatieBevinding) => {
        if (b.soort === 'verouderd') verouderd += 1;
        else zonder += 1;
        if (bevindingen.length < MAX_BEVINDINGEN_PER_PAGINA) bevindingen.push(b);
      };
      const voortgang = await perBlok(
        repos.trajecten,
        o,
        async (rijen) => {
          await metGrens(rijen, PARALLEL, async (rij) => {
            try {
              const d = await client.workflow.getHandle(rij.workflowId).describe();
              const status = d.status.name;
              if (status !== 'RUNNING') {
                vind({ trajectId: rij.id, soort: 'zonder-lopende-workflow', workflowStatus: status });
                return;
              }
              const sa = d.typedSearchAttributes;
              const fase = sa.get(searchAttributes.Fase);
              const casemanager = sa.get(searchAttributes.Casemanager) ?? null;
              if (fase !== undefined && fase !== rij.fase) {
                vind({ trajectId: rij.id, soort: 'verouderd', workflowStatus: status, veld: 'fase' });
              } else if (casemanager !== rij.casemanager) {
                vind({ trajectId: rij.id, soort: 'verouderd', workflowStatus: status, veld: 'casemanager' });
              }
            } catch (err) {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
              vind({ trajectId: rij.id, soort: 'zonder-lopende-workflow', workflowStatus: 'NOT_FOUND' });
            }
          });
        },
        () => ({ zonderLopendeWorkflow: zonder, verouderd }),
      );
      return {
        gecontroleerd: voortgang.bekeken,
        zonderLopendeWorkflow: zonder,
        verouderd,
        bevindingen,
        laatsteId: voortgang.laatsteId,
        klaar: voortgang.klaar,
      };
    },
  };
}
