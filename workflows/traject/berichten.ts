import { setHandler } from '@temporalio/workflow';
import type { Herkomst } from '../../contract/audit';
import { alsApplicationFailure, buitenBereik } from '../../contract/fouten';
import {
  COMMANDO_TYPES,
  type CommandoBericht,
  type CommandoResultaat,
  type CommandoType,
  commandoReeksSignaal,
  commandoSignaal,
  commandoUpdate,
  statusQuery,
  taakAfgerondSignaal,
  tijdlijnQuery,
} from '../../contract/traject-workflow';
import { isDomainError } from '../../domain/shared/fouten';
import { binnenBereik } from '../../domain/shared/gemeente';
import { beschrijf, type TrajectCommand } from '../../domain/traject';
import type { TrajectProces } from './proces';

/** A rejection by the rulebook crosses the boundary as an ApplicationFailure (contract/fouten.ts). */
function alsFailure(err: unknown): unknown {
  return isDomainError(err) ? alsApplicationFailure(err) : err;
}

/**
 * Every message of the contract (contract/traject-workflow.ts) on the traject: the two queries, the
 * task signal, and each command both as an Update (validated, the caller gets the result) and as a
 * Signal (feeds: accepted without a worker; a rejected one is kept under `afgewezen`).
 */
export function registreerBerichten(proces: TrajectProces): void {
  setHandler(statusQuery, () => proces.status());
  setHandler(tijdlijnQuery, () => proces.tijdlijn());
  setHandler(taakAfgerondSignaal, (t) => proces.neemTaakAf(t));

  // `herkomst` (who sent it) is for the audit row only: the rulebook reads the command without it.
  const alsCommando = (type: CommandoType, bericht: object): TrajectCommand => {
    const { herkomst: _h, ...payload } = bericht as { herkomst?: Herkomst };
    return { ...payload, type } as TrajectCommand;
  };
  // A command as a Signal: applied at once (the decider is synchronous), so a query in the same task
  // already sees it; a rejection is kept under `afgewezen` and audited as such.
  const signaal = (type: CommandoType, bericht: CommandoBericht) => {
    const command = alsCommando(type, bericht);
    try {
      proces.pasToe(command);
      proces.auditeer(command, bericht.herkomst);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      proces.wijsAf(command, err);
      proces.auditeer(command, bericht.herkomst, err.code);
    }
  };
  const bekend = new Set<string>(COMMANDO_TYPES);
  setHandler(commandoReeksSignaal, ({ commandos }) => {
    // Only the contract's commands (the API sends nothing else; anything else is not a command).
    for (const c of commandos) if (bekend.has(c.type)) signaal(c.type, c.bericht);
  });

  for (const type of COMMANDO_TYPES) {
    const commando = (bericht: object): TrajectCommand => alsCommando(type, bericht);
    setHandler(
      commandoUpdate(type),
      (payload): CommandoResultaat => {
        try {
          const command = commando(payload);
          const events = proces.pasToe(command);
          proces.auditeer(command, payload.herkomst);
          return {
            toegepast: events.length > 0,
            events: events.map((e) => ({ type: e.type, beschrijving: beschrijf(e) })),
            status: proces.status(),
          };
        } catch (err) {
          throw alsFailure(err);
        }
      },
      {
        // Synchronous, and throwing: a rejected update leaves no trace in the history. The caller's
        // scope first (issue 14): outside it, nothing about the traject's state is revealed.
        validator: (payload) => {
          const bereik = payload.herkomst?.bereik;
          if (bereik !== undefined && !binnenBereik(bereik, proces.state.gemeente)) throw buitenBereik();
          try {
            proces.valideer(commando(payload));
          } catch (err) {
            throw alsFailure(err);
          }
        },
      },
    );
    setHandler(commandoSignaal(type), (payload) => signaal(type, payload));
  }
}
