import { beleidVoor } from '../../beleid';
import { routeVoor } from '../../route';
import { DomainError } from '../../shared/fouten';
import { addDays, isVoor, laatste, type PlainDate } from '../../shared/kalender';
import { BIJZONDERE_BELEMMERINGEN, geldend, TOESTEMMING_BIJZONDERE_GEGEVENS } from '../../wet';
import type { Aanmelden } from '../commands';
import type { TrajectEvent } from '../events';
import type { Kind, TrajectState } from '../state';
import { type Basis, nietInToekomst, optioneelNietInToekomst, type Regel, signaal } from './basis';

/** Who the traject is about and how it started: aanmelding, BRP, housing, household, intake, third parties. */

export function aanmelden(
  state: TrajectState,
  c: Aanmelden,
  vandaag: PlainDate,
  basis: Basis,
): TrajectEvent[] {
  if (state.fase !== 'nieuw') throw new DomainError('AL_AANGEMELD');
  const kinderen: Kind[] = [];
  for (const k of c.kinderen ?? []) kinderen.push(kind(kinderen, k, vandaag));
  // The gemeente's route in force on the day the traject starts, pinned as a copy (like the policy).
  const route = c.gemeenteRoute ? routeVoor(c.gemeente, c.doelgroep, vandaag) : null;
  return [
    {
      type: 'aangemeld',
      ...basis,
      trajectId: state.trajectId,
      gemeente: c.gemeente,
      doelgroep: c.doelgroep,
      kennisgevingsdatum: nietInToekomst(c.kennisgevingsdatum, vandaag, 'kennisgevingsdatum'),
      koppelingsdatum: optioneelNietInToekomst(c.koppelingsdatum, vandaag, 'koppelingsdatum'),
      brpDatum: optioneelNietInToekomst(c.brpDatum, vandaag, 'brpDatum'),
      huisvestingsdatum: optioneelNietInToekomst(c.huisvestingsdatum, vandaag, 'huisvestingsdatum'),
      geboortedatum: optioneelNietInToekomst(c.geboortedatum, vandaag, 'geboortedatum'),
      kinderen,
      beleid: beleidVoor(c.beleid ?? {}),
      ...(route ? { route: { id: route.id, versie: route.versie, stappen: route.stappen } } : {}),
    },
  ];
}

function kind(bestaand: readonly Kind[], k: Kind, vandaag: PlainDate): Kind {
  if (bestaand.some((b) => b.kindId === k.kindId)) throw new DomainError('KIND_AL_GEREGISTREERD', 'kindId');
  return { kindId: k.kindId, geboortedatum: nietInToekomst(k.geboortedatum, vandaag, 'geboortedatum') };
}

export const registreerBrp: Regel<'registreerBrp'> = (_s, c, vandaag, basis) => [
  { type: 'brpGeregistreerd', ...basis, datum: nietInToekomst(c.datum, vandaag, 'datum') },
];

/**
 * COA's koppeling (issue 15): records the date and asks the casemanager to plan the overdrachtsgesprek
 * in the azc (Den Haag's step 1) before the expected housing date (OVERDRACHTSGESPREK_DAGEN_VOOR_HUISVESTING
 * days before it, never before the koppeling); without an expected date, within
 * OVERDRACHTSGESPREK_ZONDER_HUISVESTING_DAGEN days of the koppeling. Only for asielstatushouders.
 */
export const registreerKoppeling: Regel<'registreerKoppeling'> = (state, c, vandaag, basis) => {
  if (state.doelgroep !== 'asielstatushouder') throw new DomainError('KOPPELING_ALLEEN_ASIELSTATUSHOUDER');
  const datum = nietInToekomst(c.datum, vandaag, 'datum');
  const verwacht = c.verwachteHuisvestingsdatum ?? null;
  if (verwacht && isVoor(verwacht, datum))
    throw new DomainError('DATUM_ONGELDIG', 'verwachteHuisvestingsdatum');
  return [
    {
      type: 'koppelingGeregistreerd',
      ...basis,
      datum,
      azc: c.azc,
      voorinburgeringGevolgd: c.voorinburgeringGevolgd,
      verwachteHuisvestingsdatum: verwacht,
    },
    signaal(
      basis,
      'overdrachtsgesprek',
      'koppeling',
      overdrachtsgesprekUiterlijk(datum, verwacht),
      verwacht
        ? `Overdrachtsgesprek in het azc plannen (huisvesting verwacht ${verwacht})`
        : 'Overdrachtsgesprek in het azc plannen',
    ),
  ];
};

export const OVERDRACHTSGESPREK_DAGEN_VOOR_HUISVESTING = 7;
export const OVERDRACHTSGESPREK_ZONDER_HUISVESTING_DAGEN = 28;

/** The day the overdrachtsgesprek must be planned by. */
export function overdrachtsgesprekUiterlijk(
  koppeling: PlainDate,
  verwachteHuisvesting: PlainDate | null,
): PlainDate {
  if (!verwachteHuisvesting) return addDays(koppeling, OVERDRACHTSGESPREK_ZONDER_HUISVESTING_DAGEN);
  return laatste(koppeling, addDays(verwachteHuisvesting, -OVERDRACHTSGESPREK_DAGEN_VOOR_HUISVESTING));
}

export const registreerHuisvesting: Regel<'registreerHuisvesting'> = (_s, c, vandaag, basis) => [
  { type: 'huisvestingGeregistreerd', ...basis, datum: nietInToekomst(c.datum, vandaag, 'datum') },
];

export const registreerKind: Regel<'registreerKind'> = (state, c, vandaag, basis) => [
  { type: 'kindGeregistreerd', ...basis, kind: kind(state.kinderen, c, vandaag) },
];

export const wijsCasemanagerToe: Regel<'wijsCasemanagerToe'> = (state, c, _vandaag, basis) =>
  c.casemanager === state.casemanager
    ? []
    : [{ type: 'casemanagerToegewezen', ...basis, casemanager: c.casemanager }];

export const registreerIntake: Regel<'registreerIntake'> = (state, c, vandaag, basis) => {
  if (state.intake) throw new DomainError('INTAKE_AL_GEREGISTREERD');
  const bijzonder = (c.belemmeringen ?? []).some((b) =>
    (BIJZONDERE_BELEMMERINGEN as readonly string[]).includes(b),
  );
  // AVG art. 9: health data only with the person's explicit consent, recorded with the intake.
  if (bijzonder && !c.toestemmingBijzondereGegevens && geldend(TOESTEMMING_BIJZONDERE_GEGEVENS, vandaag)) {
    throw new DomainError('TOESTEMMING_ONTBREEKT', 'toestemmingBijzondereGegevens');
  }
  return [
    {
      type: 'intakeGeregistreerd',
      ...basis,
      intake: {
        datum: nietInToekomst(c.datum, vandaag, 'datum'),
        leerbaarheidstoetsScore: c.leerbaarheidstoetsScore ?? null,
        geadviseerdeRoute: c.geadviseerdeRoute ?? null,
        belemmeringen: [...(c.belemmeringen ?? [])],
        tolkNodig: c.tolkNodig ?? false,
        ...(c.toestemmingBijzondereGegevens !== undefined
          ? { toestemmingBijzondereGegevens: c.toestemmingBijzondereGegevens }
          : {}),
      },
    },
  ];
};

/** T1: waiting for third-party information moves the PIP deadline (Besluit art. 5.3 lid 2). */
export const wachtOpDerden: Regel<'wachtOpDerden'> = (state, c, vandaag, basis) => {
  if (state.pipVersies.length > 0) throw new DomainError('PIP_AL_VASTGESTELD');
  if (state.derdenWachtSinds) throw new DomainError('WACHT_AL_OP_DERDEN');
  return [{ type: 'wachtOpDerdenGestart', ...basis, datum: nietInToekomst(c.datum, vandaag, 'datum') }];
};

export const derdenInformatieOntvangen: Regel<'derdenInformatieOntvangen'> = (state, c, vandaag, basis) => {
  if (state.pipVersies.length > 0) throw new DomainError('PIP_AL_VASTGESTELD');
  if (!state.derdenWachtSinds) throw new DomainError('WACHT_NIET_OP_DERDEN');
  const datum = nietInToekomst(c.datum, vandaag, 'datum');
  if (isVoor(datum, state.derdenWachtSinds)) throw new DomainError('WAARDE_ONGELDIG', 'datum');
  return [{ type: 'derdenInformatieBinnen', ...basis, datum }];
};
