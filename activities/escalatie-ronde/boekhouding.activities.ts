import type { RondeAfsluiting, RondeStart, RondeTelling } from '../../contract/escalatie-ronde';
import { cbsSwiHerinnering } from '../../domain/rapportage/kwartaal';
import type { PlainDate } from '../../domain/shared/kalender';
import type { Repositories } from '../../platform/persistence/repositories';

/** The night's record (`escalatieronde`) and the quarterly CBS reminder. */
export function createBoekhoudingActivities(repos: Pick<Repositories, 'taken' | 'escalatierondes'>) {
  return {
    /** Marks the run as started (idempotent: a retry or re-run of the same id resets it to `bezig`). */
    startRonde: (s: RondeStart): Promise<void> => repos.escalatierondes.start(s),

    /** One task per gemeente and quarter for the team lead: deliver the Statistiek Wet Inburgering. */
    async maakCbsHerinneringen(o: {
      rondeId: string;
      peildatum: PlainDate;
    }): Promise<{ aangemaakt: number }> {
      const { kwartaal, vervaldatum } = cbsSwiHerinnering(o.peildatum);
      const aangemaakt = await repos.taken.maakGemeenteHerinneringen({
        soort: 'cbs-swi',
        regel: 'CBS-SWI',
        sleutel: `cbs-swi:${kwartaal}`,
        vervaldatum,
        omschrijving: `Lever de Statistiek Wet Inburgering over ${kwartaal} aan het CBS (export: /api/v1/rapportage/cbs-swi?kwartaal=${kwartaal}), uiterlijk ${vervaldatum}.`,
      });
      return { aangemaakt };
    },

    /** Records the night's result; counts are taken from `taak`, so a re-run of the same id stays exact. */
    async registreerRonde(r: RondeAfsluiting): Promise<RondeTelling> {
      const rijen = await repos.taken.aantallenVanRonde(r.rondeId);
      const aantallen = Object.fromEntries(rijen.map((x) => [`${x.soort}:${x.niveau}`, x.aantal]));
      const nieuw = rijen.reduce((som, x) => som + x.aantal, 0);
      await repos.escalatierondes.rondAf(r, { nieuw, aantallen });
      return { nieuw, aantallen };
    },
  };
}
