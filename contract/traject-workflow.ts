import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  Aanmelden,
  AfgewezenCommando,
  CommandType,
  OpenTaak,
  TijdlijnRegel,
  TrajectCommand,
  TrajectStatus,
  TrajectToestand,
} from '../domain/traject';
import type { AuditOpdracht, Herkomst } from './audit';

export type { AfgewezenCommando, TijdlijnRegel, TrajectStatus };

/** Message contract of trajectWorkflow (architecture.md): stable names, UIs and replay tests depend on them. */
export const TRAJECT_WORKFLOW_TYPE = 'trajectWorkflow';

/**
 * Every decider command a person or feed may send. Each is both an Update (validated by the
 * decider, the caller gets the result) and a Signal with the same name and payload (feeds:
 * accepted even when no worker runs; an invalid one is recorded as rejected).
 */
export const COMMANDO_TYPES = [
  'registreerBrp',
  'registreerKoppeling',
  'registreerHuisvesting',
  'startOntzorgen',
  'registreerIntake',
  'wachtOpDerden',
  'derdenInformatieOntvangen',
  'stelPipVast',
  'wijzigPip',
  'startAanbod',
  'registreerExamenresultaat',
  'registreerUren',
  'registreerVoortgang',
  'registreerOnderdeel',
  'registreerVoortgangsgesprek',
  'evalueerOntzorgen',
  'registreerVerlenging',
  'registreerOntheffing',
  'legBoeteOp',
  'registreerVooraankondiging',
  'registreerDuoBoete',
  'registreerVerhuizing',
  'beeindig',
  'wijsCasemanagerToe',
  'registreerKind',
  'registreerRoutestap',
] as const satisfies readonly CommandType[];

export type CommandoType = (typeof COMMANDO_TYPES)[number];
export type Commando<T extends CommandoType = CommandoType> = Extract<TrajectCommand, { type: T }>;
/** The payload of a message: the command without its `type` (the message name says it). */
export type CommandoPayload<T extends CommandoType = CommandoType> = Omit<Commando<T>, 'type'>;

export interface CommandoResultaat {
  /** False when this commandId was applied before: nothing changed. */
  toegepast: boolean;
  events: TrajectEventSamenvatting[];
  status: TrajectStatus;
}

export interface TrajectEventSamenvatting {
  type: string;
  beschrijving: string;
}

/** A message as it travels: the payload plus who sent it (for the audit row the workflow writes). */
export type CommandoBericht<T extends CommandoType = CommandoType> = CommandoPayload<T> & {
  herkomst?: Herkomst;
};

export const commandoUpdate = <T extends CommandoType>(type: T) =>
  defineUpdate<CommandoResultaat, [CommandoBericht<T>]>(type);
export const commandoSignaal = <T extends CommandoType>(type: T) => defineSignal<[CommandoBericht<T>]>(type);

/** One command of a series: its type and its message. */
export type CommandoInReeks = { [T in CommandoType]: { type: T; bericht: CommandoBericht<T> } }[CommandoType];
/**
 * Several commands for one traject in one Signal (a feed's items for that traject, in the batch's
 * order): applied one by one exactly as each would be as its own Signal (issue 14: one Signal per
 * traject per batch instead of one per item).
 */
export const commandoReeksSignaal = defineSignal<[{ commandos: CommandoInReeks[] }]>('commandoReeks');

/** A side effect the events asked for that has not run yet (tasks, the read model and search attributes). */
export type OpenstaandEffect =
  | { soort: 'nieuweTaken'; taken: OpenTaak[] }
  | { soort: 'sluitTaken'; taken: OpenTaak[]; status: 'afgerond' | 'vervallen' }
  | { soort: 'synchroniseer' }
  | { soort: 'audit'; regel: AuditOpdracht };

/** Everything the workflow carries across continue-as-new. */
export interface TrajectVoortzetting extends TrajectToestand {
  afgewezen: AfgewezenCommando[];
  geschiedenis: TijdlijnRegel[];
  /** Effects still to run: the next run runs them first (nothing a message asked for is lost). */
  effecten?: OpenstaandEffect[];
}

export interface TrajectWorkflowInput {
  trajectId: string;
  /** First run: the aanmelding the API validated with the same decider. */
  aanmelding: Aanmelden;
  /** After continue-as-new: the whole state carried over. */
  voortzetting?: TrajectVoortzetting;
  /** Continue-as-new once the history has this many events (default 10,000; tests use less). */
  historyBudget?: number;
  /** Timeline lines carried across continue-as-new (default 1,000; older ones are in earlier runs). */
  tijdlijnBudget?: number;
  /** Who sent the aanmelding (first run only): the workflow writes its audit row. */
  herkomst?: Herkomst;
}

/** A task the casemanager closed by hand (GET/POST /taken): the workflow stops listing it as open. */
export interface TaakAfgerond {
  sleutel: string;
  soort: string;
  vervaldatum: string;
  door: string;
}
export const taakAfgerondSignaal = defineSignal<[TaakAfgerond]>('taakAfgerond');

export const statusQuery = defineQuery<TrajectStatus>('status');
export const tijdlijnQuery = defineQuery<TijdlijnRegel[]>('tijdlijn');
