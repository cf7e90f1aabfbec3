import {
  ActivityFailure,
  type ActivityOptions,
  ApplicationFailure,
  log,
  patched,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  EscalatiePagina,
  EscalatieRondeActivities,
  EscalatieRondeInput,
  EscalatieRondeResultaat,
  EscalatieRondeStatus,
  ReconciliatiePagina,
  ReconciliatieUitkomst,
  RondeFout,
} from '../contract/escalatie-ronde';
import { SCHEDULED_START_TIME } from '../contract/search-attributes';
import { datumVanInstant } from '../domain/shared/kalender';

const STANDAARD_PAGINA = 2_000;
const MAX_FOUTEN = 100;
const MAX_BEVINDINGEN = 200;

// Page activities heartbeat their cursor after every block: a retry resumes there. A worker that dies
// mid-page is noticed when its heartbeat stops for `heartbeatTimeout`.
const paginaOpties = (heartbeatTimeout: ActivityOptions['heartbeatTimeout']): ActivityOptions => ({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout,
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 5,
  },
});
const standaardPaginas = proxyActivities<EscalatieRondeActivities>(paginaOpties('1 minute'));
const boekhouding = proxyActivities<EscalatieRondeActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 10,
  },
});

function fout(fase: RondeFout['fase'], err: unknown): RondeFout {
  // No driver message here: it may quote a value. The failure type and the phase are enough to look further.
  const oorzaak = err instanceof ActivityFailure ? err.cause : err;
  const code = oorzaak instanceof ApplicationFailure && oorzaak.type ? oorzaak.type : 'ACTIVITEIT_MISLUKT';
  return { fase, code, melding: `De ${fase}-stap van de nachtelijke ronde is na herhaalde pogingen mislukt` };
}

/**
 * The nightly escalation run (schedule `nachtelijke-escalaties`): the ladder over every open traject
 * of the read model in keyset pages, reconciliation against Temporal, digests in the outbox, and the
 * night's record in `escalatieronde`. Only counts and capped lists pass through the history, so
 * 100,000 trajecten cost a few dozen activities, not 100,000 rows of history.
 */
export async function escalatieRondeWorkflow(
  input: EscalatieRondeInput = {},
): Promise<EscalatieRondeResultaat> {
  const info = workflowInfo();
  const rondeId = info.workflowId;
  const gestart = Date.now();
  const peildatum = input.peildatum ?? datumVanInstant(gestart);
  const grootte = input.paginaGrootte ?? STANDAARD_PAGINA;
  const paginas = input.hartslagTimeout
    ? proxyActivities<EscalatieRondeActivities>(
        paginaOpties(input.hartslagTimeout as ActivityOptions['heartbeatTimeout']),
      )
    : standaardPaginas;
  const gepland = info.typedSearchAttributes.get(SCHEDULED_START_TIME);
  const fouten: RondeFout[] = [];
  const voegFoutenToe = (nieuw: RondeFout[]) => fouten.push(...nieuw.slice(0, MAX_FOUTEN - fouten.length));

  await boekhouding.startRonde({
    rondeId,
    runId: info.runId,
    peildatum,
    gestartOp: gestart,
    geplandOp: gepland ? gepland.getTime() : null,
  });

  // 1. The ladder, and 2. reconciliation: open in the read model but no running workflow, or a row
  // behind its workflow. Independent of each other (the ladder writes tasks, reconciliation only
  // reads): since issue 14 they run side by side; runs begun before that replay one after the other.
  let trajecten = 0;
  const reconciliatie: ReconciliatieUitkomst = {
    gecontroleerd: 0,
    zonderLopendeWorkflow: 0,
    verouderd: 0,
    bevindingen: [],
  };
  const ladder = async () => {
    let cursor: string | null = null;
    try {
      for (;;) {
        const p: EscalatiePagina = await paginas.escaleerPagina({
          rondeId,
          peildatum,
          naId: cursor,
          grootte,
          beleid: input.beleid,
        });
        trajecten += p.bekeken;
        voegFoutenToe(p.fouten);
        cursor = p.laatsteId;
        if (p.klaar) break;
      }
    } catch (err) {
      voegFoutenToe([fout('escalaties', err)]);
    }
  };
  const reconcilieer = async () => {
    let cursor: string | null = null;
    try {
      for (;;) {
        const p: ReconciliatiePagina = await paginas.reconcilieerPagina({ naId: cursor, grootte });
        reconciliatie.gecontroleerd += p.gecontroleerd;
        reconciliatie.zonderLopendeWorkflow += p.zonderLopendeWorkflow;
        reconciliatie.verouderd += p.verouderd;
        const ruimte = MAX_BEVINDINGEN - reconciliatie.bevindingen.length;
        reconciliatie.bevindingen.push(...p.bevindingen.slice(0, ruimte));
        cursor = p.laatsteId;
        if (p.klaar) break;
      }
    } catch (err) {
      voegFoutenToe([fout('reconciliatie', err)]);
    }
  };
  if (patched('ladder-en-reconciliatie-naast-elkaar')) {
    await Promise.all([ladder(), reconcilieer()]);
  } else {
    await ladder();
    await reconcilieer();
  }

  // 2b. The quarterly CBS reminder for each gemeente's team lead (once per quarter).
  try {
    await boekhouding.maakCbsHerinneringen({ rondeId, peildatum });
  } catch (err) {
    voegFoutenToe([fout('cbs', err)]);
  }

  // 3. Digests per casemanager and per teamleider (outbox).
  let digests = 0;
  try {
    digests = (await boekhouding.maakDigests({ rondeId, peildatum })).notificaties;
    // By e-mail when SMTP is configured; a failed mail stays in the outbox for the next night.
    const post = await paginas.verstuurDigests();
    if (post.mislukt > 0) {
      voegFoutenToe([
        {
          fase: 'digests',
          code: 'EMAIL_MISLUKT',
          melding: `${post.mislukt} digest(s) konden niet worden gemaild; ze blijven in de outbox staan`,
        },
      ]);
    }
  } catch (err) {
    voegFoutenToe([fout('digests', err)]);
  }

  // 3b. Retention: destroy the data keys of people past the retention period (crypto-shredding).
  let vernietigd = 0;
  if (patched('bewaartermijn-vernietigen')) {
    try {
      vernietigd = (await boekhouding.vernietigNaBewaartermijn({ rondeId, peildatum })).vernietigd;
    } catch (err) {
      voegFoutenToe([fout('bewaartermijn', err)]);
    }
  }

  // 4. The night's record.
  const status: EscalatieRondeStatus = fouten.length > 0 ? 'met_fouten' : 'voltooid';
  const afgerond = Date.now();
  const telling = await boekhouding.registreerRonde({
    rondeId,
    status,
    afgerondOp: afgerond,
    duurMs: afgerond - gestart,
    trajecten,
    fouten,
    reconciliatie,
    digests,
  });
  log.info('nachtelijke escalatieronde klaar', {
    peildatum,
    trajecten,
    nieuw: telling.nieuw,
    zonderLopendeWorkflow: reconciliatie.zonderLopendeWorkflow,
    verouderd: reconciliatie.verouderd,
    fouten: fouten.length,
  });
  return {
    rondeId,
    peildatum,
    status,
    trajecten,
    nieuw: telling.nieuw,
    aantallen: telling.aantallen,
    fouten,
    reconciliatie,
    digests,
    vernietigd,
    duurMs: afgerond - gestart,
  };
}
