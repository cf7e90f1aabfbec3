import type { EscalatiePagina, PaginaOpdracht, RondeFout } from '../../contract/escalatie-ronde';
import { type EscalatieBeleid, escalatieBeleidPerGemeente, escalatieBeleidVoor } from '../../domain/beleid';
import { escalaties, type OpenTaakRegel, type TrajectPeilgegevens } from '../../domain/escalatie';
import { isDomainError } from '../../domain/shared/fouten';
import type { NieuweEscalatie, Repositories, TrajectRij } from '../../platform/persistence/repositories';
import { hervatVan, perBlok } from './pagineren';

const MAX_FOUTEN_PER_PAGINA = 20;

function peilgegevens(r: TrajectRij): TrajectPeilgegevens {
  return {
    trajectId: r.id,
    gemeente: r.gemeente,
    fase: r.fase,
    afgesloten: r.afgesloten,
    kennisgevingsdatum: r.kennisgevingsdatum,
    pipKlokStart: r.pipKlokStart,
    pipUiterlijk: r.pipUiterlijk,
    pipVastgesteldOp: r.pipVastgesteldOp,
    termijnEinde: r.termijnEinde,
    laatsteContact: r.laatsteContact,
    ontzorgenEvaluatieOp: r.ontzorgenEvaluatieOp,
    aanwezigheid: r.aanwezigheid,
    routestappen: r.routestappen,
  };
}

/** The ladder (domain/escalatie) over one page of open trajecten; new escalations land in `taak`. */
export function createLadderActivities(repos: Pick<Repositories, 'trajecten' | 'taken'>) {
  return {
    async escaleerPagina(o: PaginaOpdracht): Promise<EscalatiePagina> {
      const perGemeente = escalatieBeleidPerGemeente(o.beleid ?? {});
      const standaard = escalatieBeleidVoor();
      const beleidVan = (gemeente: string): EscalatieBeleid => perGemeente[gemeente] ?? standaard;
      let nieuw = hervatVan<{ nieuw: number }>().nieuw ?? 0;
      const fouten: RondeFout[] = [];

      const voortgang = await perBlok(
        repos.trajecten,
        o,
        async (rijen) => {
          const takenPerTraject = new Map<string, OpenTaakRegel[]>();
          for (const t of await repos.taken.openWorkflowTaken(rijen.map((r) => r.id))) {
            const lijst = takenPerTraject.get(t.trajectId) ?? [];
            lijst.push({ taakId: t.id, soort: t.soort, vervaldatum: t.vervaldatum });
            takenPerTraject.set(t.trajectId, lijst);
          }
          const nieuwe: NieuweEscalatie[] = [];
          for (const rij of rijen) {
            try {
              const lijst = escalaties(
                peilgegevens(rij),
                takenPerTraject.get(rij.id) ?? [],
                o.peildatum,
                beleidVan(rij.gemeente),
              );
              for (const e of lijst) {
                nieuwe.push({
                  trajectId: rij.id,
                  gemeente: rij.gemeente,
                  soort: e.soort,
                  actie: e.actie,
                  regel: e.regel,
                  sleutel: e.sleutel,
                  niveau: e.niveau,
                  vervaldatum: e.peildatum,
                  omschrijving: e.omschrijving,
                  casemanager: rij.casemanager,
                  ontvanger: e.ontvanger,
                });
              }
            } catch (err) {
              // One traject with a broken fact must not stop the night: record it and go on.
              if (fouten.length < MAX_FOUTEN_PER_PAGINA) {
                fouten.push({
                  fase: 'traject',
                  trajectId: rij.id,
                  code: isDomainError(err) ? err.code : 'ONVERWACHT',
                  melding: isDomainError(err) ? err.detail : 'Onverwachte fout in de escalatieladder',
                });
              }
            }
          }
          nieuw += await repos.taken.voegEscalatiesToe(o.rondeId, nieuwe);
        },
        () => ({ nieuw }),
      );
      return { ...voortgang, nieuw, fouten };
    },
  };
}
