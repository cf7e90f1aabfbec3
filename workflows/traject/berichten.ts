import { setHandler } from '@temporalio/workflow';
import type { Herkomst } from '../../contract/audit';
import { alsApplicationFailure } from '../../contract/fouten';
import {
  COMMANDO_TYPES,
  type CommandoResultaat,
  commandoSignaal,
  commandoUpdate,
  statusQuery,
  taakAfgerondSignaal,
  tijdlijnQuery,
} from '../../contract/traject-workflow';
import { isDomainError } from '../../domain/shared/fouten';
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

  for (const type of COMMANDO_TYPES) {
    // `herkomst` (who sent it) is for the audit row only: the rulebook reads the command without it.
    const commando = (bericht: object): TrajectCommand => {
      const { herkomst: _h, ...payload } = bericht as { herkomst?: Herkomst };
      return { ...payload, type } as TrajectCommand;
    };
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
        // Synchronous, and throwing: a rejected update leaves no trace in the history.
        validator: (payload) => {
          try {
            proces.valideer(commando(payload));
          } catch (err) {
            throw alsFailure(err);
          }
        },
      },
    );
    // Applied at once (the decider is synchronous), so a query in the same task already sees it.
    setHandler(commandoSignaal(type), (payload) => {
      const command = commando(payload);
      try {
        proces.pasToe(command);
        proces.auditeer(command, payload.herkomst);
      } catch (err) {
        if (!isDomainError(err)) throw err;
        proces.wijsAf(command, err);
        proces.auditeer(command, payload.herkomst, err.code);
      }
    });
  }
}
