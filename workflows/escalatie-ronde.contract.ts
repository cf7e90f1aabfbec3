import type { EscalatieBeleidPerGemeente } from '../domain/beleid';
import type { PlainDate } from '../domain/shared/kalender';
import type {
  EscalatieRondeStatus,
  ReconciliatieUitkomst,
  RondeFout,
} from '../platform/persistence/escalatieronde.entity';

/** Contract of the nightly escalation run: the API and the schedule import this, not the workflow. */
export const ESCALATIE_RONDE_WORKFLOW_TYPE = 'escalatieRondeWorkflow';

export interface EscalatieRondeInput {
  /** The day to apply the ladder for; default: today (Europe/Amsterdam) by workflow time. */
  peildatum?: PlainDate;
  /** Read-model rows per activity call (keyset pages). */
  paginaGrootte?: number;
  /** Escalation policy overrides per gemeente (CBS code); the defaults apply otherwise. */
  beleid?: EscalatieBeleidPerGemeente;
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
  duurMs: number;
}
