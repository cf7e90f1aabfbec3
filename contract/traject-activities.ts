import type { OpenTaak } from '../domain/traject';
import type { AuditOpdracht } from './audit';
import type { TrajectSnapshot } from './read-model';

export interface TakenOpdracht {
  trajectId: string;
  gemeente: string;
  casemanager: string | null;
  taken: OpenTaak[];
}

export interface TakenSluiten {
  trajectId: string;
  taken: Pick<OpenTaak, 'soort' | 'sleutel' | 'vervaldatum'>[];
  status: 'afgerond' | 'vervallen';
}

/** What trajectWorkflow asks of its activities (implemented in activities/). All idempotent. */
export interface TrajectActivities {
  /**
   * Version-gated upsert of the read-model row: a stale write changes nothing. With `audit`: the
   * audit rows of the commands behind this state too (idempotent like `schrijfAudit`), one activity
   * for both (issue 14).
   */
  schrijfTrajectReadModel(s: TrajectSnapshot, audit?: AuditOpdracht[]): Promise<{ toegepast: boolean }>;
  /** Unique on traject + soort + sleutel + vervaldatum: a retry creates nothing twice. */
  maakTaken(o: TakenOpdracht): Promise<{ aangemaakt: number }>;
  /** Closes only tasks that are still open. */
  sluitTaken(o: TakenSluiten): Promise<{ gesloten: number }>;
}
