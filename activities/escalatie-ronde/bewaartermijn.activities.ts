import type { PlainDate } from '../../domain/shared/kalender';
import type { Sleutelkluis } from '../../platform/crypto';
import type { Repositories } from '../../platform/persistence/repositories';
import { hartslag } from './pagineren';

const BLOK = 500;

/**
 * Retention by crypto-shredding: after the retention period (BEWAARTERMIJN_JAREN after a person's last
 * traject closed) the nightly run destroys the person's data key. Their register row and every Temporal
 * history of their trajecten become unreadable at once, with nothing to rewrite; the read model and
 * reports keep the anonymous facts. Each destruction is in the processing log.
 */
export function createBewaartermijnActivities(
  repos: Pick<Repositories, 'persoonssleutels' | 'verwerkingen'>,
  opties: { bewaartermijnJaren?: number; kluis?: Sleutelkluis } = {},
) {
  return {
    async vernietigNaBewaartermijn(o: {
      rondeId: string;
      peildatum: PlainDate;
    }): Promise<{ vernietigd: number }> {
      const jaren = opties.bewaartermijnJaren ?? 10;
      let vernietigd = 0;
      for (;;) {
        const personen = await repos.persoonssleutels.voorbijBewaartermijn(o.peildatum, jaren, BLOK);
        if (personen.length === 0) break;
        vernietigd += await repos.persoonssleutels.vernietig(personen.map((p) => p.inburgeraarId));
        for (const p of personen) opties.kluis?.vergeet(p.inburgeraarId);
        await repos.verwerkingen.voegToe(
          personen.map((p) => ({
            actieNaam: 'persoonsgegevens vernietigen na bewaartermijn',
            handeling: 'vernietigen',
            verwerkingsactiviteit: 'Uitvoering Wet inburgering 2021 (regie op inburgering)',
            grondslag: `Archiefwet 1995 art. 3; bewaartermijn ${jaren} jaar na afsluiting`,
            vertrouwelijkheid: 'normaal',
            uitvoerder: p.gemeente,
            gebruiker: 'nachtelijke-ronde',
            rol: 'systeem',
            systeem: 'inburgering-worker',
            inburgeraarId: p.inburgeraarId,
            trajectId: null,
            soortenGegevens: ['alle'],
            requestId: o.rondeId.slice(0, 64),
          })),
        );
        hartslag({ vernietigd });
        if (personen.length < BLOK) break;
      }
      return { vernietigd };
    },
  };
}
