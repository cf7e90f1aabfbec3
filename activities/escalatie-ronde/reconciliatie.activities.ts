import { Context } from '@temporalio/activity';
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { ReconciliatieBevinding, ReconciliatiePagina } from '../../contract/escalatie-ronde';
import { searchAttributes } from '../../contract/search-attributes';
import { TRAJECT_WORKFLOW_TYPE } from '../../contract/traject-workflow';
import type { Repositories, TrajectRij } from '../../platform/persistence/repositories';
import { hervatVan, metGrens, perBlok } from './pagineren';

/** Parallel describe calls for the few rows visibility cannot settle. */
const PARALLEL = 16;
const MAX_BEVINDINGEN_PER_PAGINA = 50;
/**
 * Visibility is eventually consistent (seconds, even on Elasticsearch): a row the workflow wrote in
 * the last minutes may be ahead of it. Such rows, when visibility disagrees, are checked with a
 * describe (mutable state: current); older rows are settled by visibility alone.
 */
export const ZICHT_VERTRAGING_MS = 5 * 60_000;

/** What visibility says of one workflow id: its running run, else its latest run. */
interface Zicht {
  status: string;
  fase: string | undefined;
  casemanager: string | null;
}

type Oordeel = Omit<ReconciliatieBevinding, 'trajectId'> | null;

function oordeel(rij: TrajectRij, z: Zicht | undefined): Oordeel {
  if (!z) return { soort: 'zonder-lopende-workflow', workflowStatus: 'NOT_FOUND' };
  if (z.status !== 'RUNNING') return { soort: 'zonder-lopende-workflow', workflowStatus: z.status };
  if (z.fase !== undefined && z.fase !== rij.fase)
    return { soort: 'verouderd', workflowStatus: z.status, veld: 'fase' };
  if (z.casemanager !== rij.casemanager)
    return { soort: 'verouderd', workflowStatus: z.status, veld: 'casemanager' };
  return null;
}

function alsZicht(w: Pick<WorkflowExecutionInfo, 'status' | 'typedSearchAttributes'>): Zicht {
  return {
    status: w.status.name,
    fase: w.typedSearchAttributes.get(searchAttributes.Fase),
    casemanager: w.typedSearchAttributes.get(searchAttributes.Casemanager) ?? null,
  };
}

/**
 * One visibility listing for a block of rows: every run of these workflow ids (running or closed),
 * streamed page by page; per id the running run wins, else the latest. Memory: one block.
 */
async function zichtOp(client: Client, rijen: TrajectRij[]): Promise<Map<string, Zicht>> {
  const uit = new Map<string, { zicht: Zicht; start: number }>();
  const ids = rijen.map((r) => `'${r.workflowId.replaceAll("'", "''")}'`).join(', ');
  const query = `WorkflowType = '${TRAJECT_WORKFLOW_TYPE}' AND WorkflowId IN (${ids})`;
  for await (const w of client.workflow.list({ query, pageSize: rijen.length })) {
    const eerder = uit.get(w.workflowId);
    const start = w.startTime.getTime();
    if (
      !eerder ||
      (eerder.zicht.status !== 'RUNNING' && (w.status.name === 'RUNNING' || start > eerder.start))
    ) {
      uit.set(w.workflowId, { zicht: alsZicht(w), start });
    }
  }
  return new Map([...uit].map(([id, v]) => [id, v.zicht]));
}

/** The current truth for one workflow id (mutable state, not visibility). */
async function beschrijf(client: Client, workflowId: string): Promise<Zicht | undefined> {
  try {
    return alsZicht(await client.workflow.getHandle(workflowId).describe());
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/**
 * Reconciliation: every open read-model row must have a running workflow, and the workflow's search
 * attributes (upserted in the same workflow task as the read-model write) must agree with the row;
 * otherwise the row lags behind (its write failed or is still pending). Per block of rows one
 * visibility listing (issue 14: not one describe per row); a describe only for a disagreement on a
 * row written within ZICHT_VERTRAGING_MS, where visibility may not have caught up yet.
 */
export function createReconciliatieActivities(
  repos: Pick<Repositories, 'trajecten'>,
  opties: { zichtVertragingMs?: number; nu?: () => number } = {},
) {
  const vertraging = opties.zichtVertragingMs ?? ZICHT_VERTRAGING_MS;
  const nu = opties.nu ?? Date.now;
  return {
    async reconcilieerPagina(o: { naId: string | null; grootte: number }): Promise<ReconciliatiePagina> {
      const client = Context.current().client;
      const hervat = hervatVan<ReconciliatiePagina>();
      let zonder = hervat.zonderLopendeWorkflow ?? 0;
      let verouderd = hervat.verouderd ?? 0;
      const bevindingen: ReconciliatieBevinding[] = [];
      const vind = (trajectId: string, b: Oordeel) => {
        if (!b) return;
        if (b.soort === 'verouderd') verouderd += 1;
        else zonder += 1;
        if (bevindingen.length < MAX_BEVINDINGEN_PER_PAGINA) bevindingen.push({ trajectId, ...b });
      };
      const voortgang = await perBlok(
        repos.trajecten,
        o,
        async (rijen) => {
          const zicht = await zichtOp(client, rijen);
          const twijfel: TrajectRij[] = [];
          const grens = nu() - vertraging;
          for (const rij of rijen) {
            const b = oordeel(rij, zicht.get(rij.workflowId));
            if (b && Date.parse(rij.bijgewerktOp) > grens) twijfel.push(rij);
            else vind(rij.id, b);
          }
          await metGrens(twijfel, PARALLEL, async (rij) => {
            vind(rij.id, oordeel(rij, await beschrijf(client, rij.workflowId)));
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
