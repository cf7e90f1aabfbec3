import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  StatusBadge,
} from '@utrecht/component-library-react';
import { NavLink, Outlet, useLocation, useParams } from 'react-router';
import { dagenTussen } from '../../../../domain/shared/kalender';
import { ACTIE_TITEL, ACTIE_VOLGORDE } from '../../acties/titels';
import { ApiFout } from '../../api/http';
import { useTraject, useUitleg } from '../../api/traject';
import { Koppeling } from '../../componenten/Koppeling';
import { Pagina } from '../../componenten/Pagina';
import { PersoonNaam } from '../../componenten/PersoonNaam';
import { Fout, Gelukt, Laden } from '../../componenten/Status';
import { datum, vandaag } from '../../opmaak/datum';
import { DOELGROEP, FASE, LEERROUTE, label } from '../../opmaak/labels';
import type { DossierContext } from './context';

const TABS: [string, string][] = [
  ['', 'Overzicht'],
  ['tijdlijn', 'Tijdlijn'],
  ['taken', 'Taken'],
  ['pip', 'PIP-versies'],
  ['examens', 'Examens & uren'],
  ['aanwezigheid', 'Aanwezigheid'],
  ['route', 'Route'],
  ['ontzorgen', 'Ontzorgen'],
  ['besluiten', 'Besluiten'],
];

/** The traject dossier: header, a route per section (WAI-ARIA-wise plain navigation), the actions that fit now. */
export function Dossier() {
  const { id = '' } = useParams();
  const locatie = useLocation();
  const traject = useTraject(id);
  const uitleg = useUitleg(id);
  const melding = (locatie.state as { melding?: string } | null)?.melding;

  if (traject.isPending) return <Laden wat="Het dossier" />;
  if (traject.error) {
    const status = traject.error instanceof ApiFout ? traject.error.status : 0;
    return (
      <Pagina
        titel={
          status === 404
            ? 'Traject niet gevonden'
            : status === 410
              ? 'Gegevens vernietigd na de bewaartermijn'
              : 'Dossier niet beschikbaar'
        }
      >
        <Fout fout={traject.error} />
        <Paragraph>
          <Koppeling to="/">Terug naar de lijst</Koppeling>
        </Paragraph>
      </Pagina>
    );
  }
  const t = traject.data;
  const state = t.status?.state;
  const rm = t.readModel;
  const fase = state?.fase ?? rm?.fase;
  const context: DossierContext = { id, traject: t, uitleg: uitleg.data };
  const inActie = locatie.pathname.includes('/acties/');

  return (
    // The document title keeps the short id: a name would end up in the browser's history and tab list.
    <Pagina
      titel={`Dossier traject ${id.slice(0, 8)}`}
      kop={<PersoonNaam trajectId={id} naam={t.inburgeraar?.naam} />}
    >
      {melding ? <Gelukt>{melding}</Gelukt> : null}
      {!t.status ? (
        <Paragraph className="bijschrift" role="status">
          De live status is nu niet beschikbaar; u ziet de laatst bekende gegevens.
        </Paragraph>
      ) : null}
      <section aria-labelledby="dossier-kop" className="dossier-kop">
        <Heading2 id="dossier-kop" className="visueel-verborgen">
          Kerngegevens
        </Heading2>
        <DataList className="kerngegevens">
          <DataListItem>
            <DataListKey>Inburgeraar</DataListKey>
            <DataListValue>
              {t.inburgeraar ? (
                <Koppeling to={`/inburgeraars/${t.inburgeraar.id}`} data-testid="naar-persoon">
                  Persoonsgegevens
                  <span className="visueel-verborgen">
                    {' '}
                    van {t.inburgeraar.naam ?? `de inburgeraar van traject ${id.slice(0, 8)}`}
                  </span>
                </Koppeling>
              ) : (
                <span className="bijschrift">niet beschikbaar</span>
              )}
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Traject-id</DataListKey>
            <DataListValue className="mono">{id}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Doelgroep</DataListKey>
            <DataListValue>{label(DOELGROEP, state?.doelgroep ?? rm?.doelgroep)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Fase</DataListKey>
            <DataListValue>
              <StatusBadge status={state?.afgesloten ? 'inactive' : 'active'} data-testid="fase">
                {label(FASE, fase)}
              </StatusBadge>
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Leerroute</DataListKey>
            <DataListValue>
              {label(LEERROUTE, state?.leerroute ?? rm?.leerroute, 'nog niet gekozen')}
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Casemanager</DataListKey>
            <DataListValue>{state?.casemanager ?? rm?.casemanager ?? 'niet toegewezen'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Gemeente</DataListKey>
            <DataListValue>{state?.gemeente ?? rm?.gemeente}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Kennisgeving</DataListKey>
            <DataListValue>{datum(state?.kennisgevingsdatum ?? rm?.kennisgevingsdatum)}</DataListValue>
          </DataListItem>
        </DataList>
        <Termijn
          start={state?.termijnStart ?? null}
          einde={state?.termijnEinde ?? rm?.termijnEinde ?? null}
        />
      </section>

      <div className={inActie ? 'dossier-indeling dossier-indeling--actie' : 'dossier-indeling'}>
        <div className="dossier-hoofd">
          <nav aria-label="Onderdelen van het dossier" className="tabs">
            <ul>
              {TABS.map(([pad, tekst]) => (
                <li key={pad}>
                  <NavLink to={pad ? `/trajecten/${id}/${pad}` : `/trajecten/${id}`} end className="tab">
                    {tekst}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="tab-inhoud">
            <Outlet context={context} />
          </div>
        </div>
        {inActie ? null : (
          <aside aria-labelledby="acties-kop" className="dossier-acties">
            <Heading2 id="acties-kop">Acties</Heading2>
            {uitleg.isPending ? <Laden wat="De mogelijke acties" /> : null}
            {uitleg.error ? <Fout fout={uitleg.error} /> : null}
            {uitleg.data && uitleg.data.toegestaneCommandos.length === 0 ? (
              <Paragraph>Er zijn geen acties meer mogelijk: het traject is afgesloten.</Paragraph>
            ) : null}
            {uitleg.data ? (
              <ul className="actielijst">
                {ACTIE_VOLGORDE.filter((c) => uitleg.data.toegestaneCommandos.includes(c)).map((c) => (
                  <li key={c}>
                    <Koppeling to={`/trajecten/${id}/acties/${c}`}>{ACTIE_TITEL[c]}</Koppeling>
                  </li>
                ))}
              </ul>
            ) : null}
          </aside>
        )}
      </div>
    </Pagina>
  );
}

/** The inburgeringstermijn with a progress bar (its end date also in words). */
function Termijn({ start, einde }: { start: string | null; einde: string | null }) {
  if (!start || !einde) {
    return (
      <Paragraph className="termijn">
        Inburgeringstermijn: begint de dag na de dagtekening van het eerste PIP.
      </Paragraph>
    );
  }
  const totaal = Math.max(1, dagenTussen(start, einde) + 1);
  const verstreken = Math.min(totaal, Math.max(0, dagenTussen(start, vandaag()) + 1));
  const procent = Math.round((verstreken / totaal) * 100);
  const rest = dagenTussen(vandaag(), einde);
  return (
    <div className="termijn">
      <Paragraph id="termijn-label">
        Inburgeringstermijn: {datum(start)} tot en met <strong>{datum(einde)}</strong> —{' '}
        {rest >= 0 ? `nog ${rest} dagen` : <span className="te-laat">{-rest} dagen overschreden</span>} (
        {procent}% verstreken)
      </Paragraph>
      <progress max={totaal} value={verstreken} aria-labelledby="termijn-label" className="termijn-balk" />
    </div>
  );
}
