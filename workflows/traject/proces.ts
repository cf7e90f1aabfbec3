import { log, patched } from '@temporalio/workflow';
import { AUDIT_PATCH, type Herkomst } from '../../contract/audit';
import type {
  OpenstaandEffect,
  TaakAfgerond,
  TrajectVoortzetting,
  TrajectWorkflowInput,
} from '../../contract/traject-workflow';
import type { DomainError } from '../../domain/shared/fouten';
import { datumVanInstant } from '../../domain/shared/kalender';
import {
  type AfgewezenCommando,
  beginToestand,
  geplandeTijdlijn,
  pasToe,
  type TijdlijnRegel,
  type TrajectCommand,
  type TrajectEvent,
  type TrajectState,
  type TrajectStatus,
  type TrajectToestand,
  trajectDecider,
  trajectStatus,
} from '../../domain/traject';

/** Rejected feed messages kept for the casemanager (latest first). */
const MAX_AFGEWEZEN = 50;
/** Timeline lines a run passes on: years of a traject must not grow the continue-as-new input without bound. */
const STANDAARD_TIJDLIJN_BUDGET = 1_000;
const INGEKORT = /^… (\d+) eerdere regels staan in de geschiedenis van eerdere runs$/;

/** Today in Europe/Amsterdam by workflow time (deterministic on replay). */
export function vandaag(): string {
  return datumVanInstant(Date.now());
}

/** A side effect the events ask for; only the main loop runs them (activities are not called from handlers). */
export type Effect = OpenstaandEffect;

/**
 * The traject as its workflow holds it: the toestand of the rulebook, the rejected feed messages, the
 * timeline, and the side effects still to run. Every change goes through `pasToe` (domain/traject).
 */
export class TrajectProces {
  toestand: TrajectToestand;
  afgewezen: AfgewezenCommando[];
  readonly geschiedenis: TijdlijnRegel[];
  readonly effecten: Effect[] = [];

  constructor(input: TrajectWorkflowInput) {
    const voort = input.voortzetting;
    this.toestand = voort
      ? { state: voort.state, versie: voort.versie, openTaken: voort.openTaken }
      : beginToestand(input.trajectId);
    this.afgewezen = voort?.afgewezen ?? [];
    this.geschiedenis = voort?.geschiedenis ?? [];
    this.effecten.push(...(voort?.effecten ?? []));
  }

  get state(): TrajectState {
    return this.toestand.state;
  }

  /** Applies a command (throws the DomainError of a rejected one) and queues what follows from it. */
  pasToe(command: TrajectCommand, peildatum = vandaag()): TrajectEvent[] {
    const t = pasToe(this.toestand, command, peildatum, vandaag());
    if (t.events.length === 0) return t.events;
    this.toestand = t.toestand;
    this.geschiedenis.push(...t.tijdlijn);
    if (t.taken.nieuw.length > 0) this.effecten.push({ soort: 'nieuweTaken', taken: t.taken.nieuw });
    if (t.taken.afgerond.length > 0)
      this.effecten.push({ soort: 'sluitTaken', taken: t.taken.afgerond, status: 'afgerond' });
    if (t.taken.vervallen.length > 0)
      this.effecten.push({ soort: 'sluitTaken', taken: t.taken.vervallen, status: 'vervallen' });
    this.effecten.push({ soort: 'synchroniseer' });
    return t.events;
  }

  /** The Update validator: the same rulebook, applied to nothing (throws when the command is rejected). */
  valideer(command: TrajectCommand): void {
    trajectDecider.decide(this.state, command, vandaag());
  }

  /** A feed message that does not fit is kept for the casemanager, never thrown away. */
  wijsAf(command: TrajectCommand, err: DomainError): void {
    const regel: AfgewezenCommando = {
      commandId: command.commandId,
      type: command.type,
      code: err.code,
      detail: err.detail,
      ontvangenOp: vandaag(),
    };
    this.afgewezen = [regel, ...this.afgewezen].slice(0, MAX_AFGEWEZEN);
    log.warn('signaal afgewezen door het regelboek', { type: command.type, code: err.code });
  }

  /** Closed by hand in the task list: no longer open here either. Unknown or already closed: nothing. */
  neemTaakAf(t: TaakAfgerond): void {
    const taak = this.toestand.openTaken.find(
      (o) => o.sleutel === t.sleutel && o.soort === t.soort && o.vervaldatum === t.vervaldatum,
    );
    if (!taak) return;
    this.toestand = { ...this.toestand, openTaken: this.toestand.openTaken.filter((o) => o !== taak) };
    this.geschiedenis.push({
      datum: vandaag(),
      soort: 'gebeurd',
      beschrijving: `Taak afgerond: ${taak.omschrijving}`,
    });
  }

  /**
   * The audit row of a command that reached the rulebook, written by an activity that is retried
   * until Postgres answers (issue 13). Only for messages that say who sent them; histories recorded
   * before this patch replay without it.
   */
  auditeer(
    command: Pick<TrajectCommand, 'type' | 'commandId' | 'door'>,
    herkomst: Herkomst | undefined,
    afwijzing: string | null = null,
  ): void {
    if (!herkomst || !command.door || !patched(AUDIT_PATCH)) return;
    this.effecten.push({
      soort: 'audit',
      regel: {
        actor: command.door,
        rol: herkomst.rol,
        gemeente: herkomst.gemeente ?? this.state.gemeente ?? null,
        actie: command.type,
        trajectId: this.state.trajectId,
        commandId: command.commandId,
        uitkomst: afwijzing === null ? 'geaccepteerd' : 'afgewezen',
        code: afwijzing,
        requestId: herkomst.requestId,
      },
    });
  }

  status(): TrajectStatus {
    return trajectStatus(this.toestand, this.afgewezen, vandaag());
  }

  tijdlijn(): TijdlijnRegel[] {
    return [...this.geschiedenis, ...geplandeTijdlijn(this.state)];
  }

  heeftWerk(): boolean {
    return this.effecten.length > 0;
  }

  /**
   * What travels to the next run. The timeline keeps its latest `budget` lines; one line says how many
   * earlier ones there were (they stay in the earlier runs' histories and in the audit trail).
   */
  voortzetting(budget = STANDAARD_TIJDLIJN_BUDGET, metEffecten = false): TrajectVoortzetting {
    let geschiedenis = this.geschiedenis;
    if (geschiedenis.length > budget) {
      const eerder = Number(INGEKORT.exec(geschiedenis[0].beschrijving)?.[1] ?? 0);
      const weg = geschiedenis.length - budget;
      const behouden = geschiedenis.slice(weg);
      const telling = eerder + weg - (eerder > 0 ? 1 : 0);
      geschiedenis = [
        {
          datum: geschiedenis[weg - 1].datum,
          soort: 'gebeurd',
          beschrijving: `… ${telling} eerdere regels staan in de geschiedenis van eerdere runs`,
        },
        ...behouden,
      ];
    }
    return {
      ...this.toestand,
      afgewezen: this.afgewezen,
      geschiedenis,
      ...(metEffecten ? { effecten: [...this.effecten] } : {}),
    };
  }
}
