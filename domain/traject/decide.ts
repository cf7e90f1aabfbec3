import { DomainError } from '../shared/fouten';
import { type PlainDate, vereisDatum } from '../shared/kalender';
import { leesCommando } from './commando-schemas';
import type { CommandType, TrajectCommand } from './commands';
import type { TrajectEvent } from './events';
import {
  aanmelden,
  derdenInformatieOntvangen,
  registreerBrp,
  registreerHuisvesting,
  registreerIntake,
  registreerKind,
  registreerKoppeling,
  wachtOpDerden,
  wijsCasemanagerToe,
} from './regels/aanmelding';
import { beeindig, registreerOntheffing, registreerVerhuizing } from './regels/afsluiting';
import type { Basis, Regel } from './regels/basis';
import { gevolgen } from './regels/gevolgen';
import {
  registreerExamenresultaat,
  registreerOnderdeel,
  registreerUren,
  registreerVoortgang,
  registreerVoortgangsgesprek,
  startAanbod,
} from './regels/leerroute';
import { evalueerOntzorgen, startOntzorgen } from './regels/ontzorgen';
import { stelPipVast, wijzigPip } from './regels/pip';
import { registreerRoutestap } from './regels/route';
import { legBoeteOp, registreerDuoBoete } from './regels/sancties';
import { deadlineBereikt, registreerVerlenging, registreerVooraankondiging } from './regels/termijn';
import type { TrajectState } from './state';

/** Every command type has exactly one rule (the compiler checks that none is missing). */
const REGELS: { [T in CommandType]: Regel<T> } = {
  aanmelden: (state, c, vandaag, basis) => aanmelden(state, c, vandaag, basis),
  registreerBrp,
  registreerHuisvesting,
  registreerKoppeling,
  registreerKind,
  wijsCasemanagerToe,
  registreerRoutestap,
  registreerIntake,
  wachtOpDerden,
  derdenInformatieOntvangen,
  stelPipVast,
  wijzigPip,
  startAanbod,
  registreerExamenresultaat,
  registreerUren,
  registreerVoortgang,
  registreerOnderdeel,
  registreerVoortgangsgesprek,
  startOntzorgen,
  evalueerOntzorgen,
  registreerVerlenging,
  registreerVooraankondiging,
  legBoeteOp,
  registreerDuoBoete,
  registreerOntheffing,
  registreerVerhuizing,
  beeindig,
  deadlineBereikt,
};

function regelVoor<T extends CommandType>(command: Extract<TrajectCommand, { type: T }>): Regel<T> {
  return REGELS[command.type as T];
}

/**
 * Decides which facts a command adds to the traject, or rejects it with a DomainError. A rejected command
 * changes nothing; a command whose commandId was already applied yields no events. The command is read
 * through its schema first (commando-schemas.ts), so the rules below see typed, well-formed fields.
 */
export function decide(state: TrajectState, invoer: TrajectCommand, today: PlainDate): TrajectEvent[] {
  const vandaag = vereisDatum(today, 'today');
  if (typeof invoer !== 'object' || invoer === null) throw new DomainError('VELD_ONTBREEKT', 'command');
  if (typeof invoer.commandId !== 'string' || invoer.commandId.trim() === '') {
    throw new DomainError('VELD_ONTBREEKT', 'commandId');
  }
  if (state.verwerkteCommandIds.includes(invoer.commandId)) return [];
  if (state.fase === 'nieuw' && invoer.type !== 'aanmelden') throw new DomainError('NIET_AANGEMELD');
  const command = leesCommando(invoer);
  const basis: Basis = { commandId: command.commandId, door: command.door ?? null };
  // Timers race with messages: a timer for a deadline that is no longer pending is simply ignored.
  if (command.type === 'deadlineBereikt') return deadlineBereikt(state, command, vandaag, basis);
  if (state.afgesloten) throw new DomainError('AFGESLOTEN');
  const events = regelVoor(command)(state, command as never, vandaag, basis);
  return [...events, ...gevolgen(state, events, command, vandaag, basis)];
}
