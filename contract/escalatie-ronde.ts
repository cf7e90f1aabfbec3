import type { EscalatieBeleidPerGemeente } from '../domain/beleid';
import type { PlainDate } from '../domain/shared/kalender';

/** Contract of the nightly escalation run: the API, the schedule and the activities import this, not the workflow. */
export const ESCALATIE_RONDE_WORKFLOW_TYPE = 'escalatieRondeWorkflow';

export type EscalatieRondeStatus = 'bezig' | 'voltooid' | 'met_fouten';

/** A failure during a night, without personal data: the phase, a code and a Dutch message. */
export interface RondeFout {
  fase: 'escalaties' | 'reconciliatie' | 'cbs' | 'digests' | 'traject' | 'bewaartermijn';
  code: string;
  melding: string;
  /** Only for a single traject's failure (a uuid, never a BSN). */
  trajectId?: string;
}

export type ReconciliatieSoort = 'zonder-lopende-workflow' | 'verouderd';

export interface ReconciliatieBevinding {
  trajectId: string;
  soort: ReconciliatieSoort;
  /** `NOT_FOUND`, `COMPLETED`, `TERMINATED`, … or `RUNNING` for a stale row. */
  workflowStatus: string;
  /** For `verouderd`: the read-model column that lags behind the workflow. */
  veld?: string;
}

export interface ReconciliatieUitkomst {
  /** Open read-model rows checked against Temporal. */
  gecontroleerd: number;
  zonderLopendeWorkflow: number;
  verouderd: number;
  /** The first findings (capped); the counts above are complete. */
  bevindingen: ReconciliatieBevinding[];
}

export interface EscalatieRondeInput {
  /** The day to apply the ladder for; default: today (Europe/Amsterdam) by workflow time. */
  peildatum?: PlainDate;
  /** Read-model rows per activity call (keyset pages). */
  paginaGrootte?: number;
  /** Escalation policy overrides per gemeente (CBS code); the defaults apply otherwise. */
  beleid?: EscalatieBeleidPerGemeente;
  /**
   * How long a page activity may go without a heartbeat before Temporal gives it to another worker
   * (ms-format, e.g. `10 seconds`); default `1 minute`. Tests of a dying worker shorten it.
   */
  hartslagTimeout?: string;
}

export interface EscalatieRondeResultaat {
  rondeId: string;
  peildatum: PlainDate;
  status: EscalatieRondeStatus;
  /** Open trajecten the ladder looked at. */
  trajecten: number;
  /** New escalations and warnings (stored once; a re-run adds none). */
  nieuw: number;
  /** New ones per `soort:niveau`. */
  aantallen: Record<string, number>;
  fouten: RondeFout[];
  reconciliatie: ReconciliatieUitkomst;
  digests: number;
  /** People whose data key was destroyed this night (retention). */
  vernietigd?: number;
  duurMs: number;
}

// ---------------------------------------------------------------- activities of the run

export interface PaginaOpdracht {
  rondeId: string;
  peildatum: PlainDate;
  /** Keyset cursor: the last traject id of the previous page (null: from the start). */
  naId: string | null;
  grootte: number;
  beleid?: EscalatieBeleidPerGemeente;
}

export interface EscalatiePagina {
  bekeken: number;
  nieuw: number;
  laatsteId: string | null;
  klaar: boolean;
  fouten: RondeFout[];
}

export interface ReconciliatiePagina {
  gecontroleerd: number;
  zonderLopendeWorkflow: number;
  verouderd: number;
  bevindingen: ReconciliatieBevinding[];
  laatsteId: string | null;
  klaar: boolean;
}

export interface RondeStart {
  rondeId: string;
  runId: string;
  peildatum: PlainDate;
  /** Epoch ms (workflow time). */
  gestartOp: number;
  geplandOp: number | null;
}

export interface RondeAfsluiting {
  rondeId: string;
  status: EscalatieRondeStatus;
  afgerondOp: number;
  duurMs: number;
  trajecten: number;
  fouten: RondeFout[];
  reconciliatie: ReconciliatieUitkomst;
  digests: number;
}

export interface RondeTelling {
  nieuw: number;
  aantallen: Record<string, number>;
}

export interface DigestVerzending {
  verzonden: number;
  mislukt: number;
  wachtend: number;
}

/** What escalatieRondeWorkflow asks of its activities (implemented in activities/escalatie-ronde/). */
export interface EscalatieRondeActivities {
  /** Applies the ladder to one page of open trajecten and stores new escalations in `taak`. */
  escaleerPagina(o: PaginaOpdracht): Promise<EscalatiePagina>;
  /** Open read-model rows against Temporal: running workflow, and search attributes that agree. */
  reconcilieerPagina(o: { naId: string | null; grootte: number }): Promise<ReconciliatiePagina>;
  startRonde(s: RondeStart): Promise<void>;
  maakCbsHerinneringen(o: { rondeId: string; peildatum: PlainDate }): Promise<{ aangemaakt: number }>;
  maakDigests(o: { rondeId: string; peildatum: PlainDate }): Promise<{ notificaties: number }>;
  verstuurDigests(): Promise<DigestVerzending>;
  registreerRonde(r: RondeAfsluiting): Promise<RondeTelling>;
  /** Retention: destroys the data keys of people whose last traject closed before the retention period. */
  vernietigNaBewaartermijn(o: { rondeId: string; peildatum: PlainDate }): Promise<{ vernietigd: number }>;
}
