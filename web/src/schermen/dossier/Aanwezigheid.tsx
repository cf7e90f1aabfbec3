import {
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { standaardEscalatieBeleid } from '../../../../domain/beleid';
import { verzuimOver } from '../../../../domain/escalatie/verzuim';
import { addDays, addIsoWeken, isoWeek, maandagVan } from '../../../../domain/shared/kalender';
import { datum, vandaag } from '../../opmaak/datum';
import { getal, procent } from '../../opmaak/getal';
import { EXAMENCOMPONENT, label } from '../../opmaak/labels';
import { useDossier } from './context';

/** "2026-W49" → "week 49 (30 november 2026 t/m 6 december 2026)". */
function weekTekst(week: string): string {
  const maandag = maandagVan(week);
  return `week ${Number(week.slice(6))} (${datum(maandag)} t/m ${datum(addDays(maandag, 6))})`;
}

/**
 * What the taalaanbieder reported per ISO week (issue 15): lesuren attended, absence with and without a
 * valid reason, interim test levels; and the unexcused share over the last complete weeks, computed by the
 * same rule the nightly verzuim step uses (domain/escalatie/verzuim.ts, with the default window).
 */
export function Aanwezigheid() {
  const { traject } = useDossier();
  const state = traject.status?.state;
  if (!state) return <Paragraph>De live status is nu niet beschikbaar.</Paragraph>;
  const weken = [...(state.voortgang ?? [])].reverse();
  const laatsteWeek = addIsoWeken(isoWeek(vandaag()), -1);
  const stand = verzuimOver(weken, laatsteWeek, standaardEscalatieBeleid);
  return (
    <section aria-labelledby="aanwezigheid-kop">
      <Heading2 id="aanwezigheid-kop">Aanwezigheid bij de taalaanbieder</Heading2>
      <Paragraph>
        Taalaanbieder: {state.aanbieder ?? 'nog niet vastgelegd (leg die vast bij de start van het aanbod)'}.
      </Paragraph>
      {weken.length === 0 ? (
        <Paragraph>De taalaanbieder heeft nog geen weken gemeld.</Paragraph>
      ) : (
        <>
          <Paragraph data-testid="verzuim-samenvatting">
            Ongeoorloofd verzuim in de laatste {standaardEscalatieBeleid.verzuimWeken} volle weken (
            {weekTekst(stand.vanWeek)} tot en met {weekTekst(stand.totWeek)}):{' '}
            {stand.gepland > 0
              ? `${procent(stand.aandeel)} van ${getal(stand.gepland)} geplande lesuren`
              : 'geen lesuren gepland'}
            .
          </Paragraph>
          <Table className="tabel" data-testid="aanwezigheid">
            <TableCaption>Lesuren en verzuim per week, nieuwste week eerst (uren)</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Week</TableHeaderCell>
                <TableHeaderCell scope="col">Lesuren gevolgd</TableHeaderCell>
                <TableHeaderCell scope="col">Verzuim geoorloofd</TableHeaderCell>
                <TableHeaderCell scope="col">Verzuim ongeoorloofd</TableHeaderCell>
                <TableHeaderCell scope="col">Ongeoorloofd deel</TableHeaderCell>
                <TableHeaderCell scope="col">Tussentoetsen</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {weken.map((w) => {
                const gepland = w.lesuren + w.verzuimGeoorloofd + w.verzuimOngeoorloofd;
                return (
                  <TableRow key={w.week}>
                    <TableHeaderCell scope="row">{weekTekst(w.week)}</TableHeaderCell>
                    <TableCell>{getal(w.lesuren)}</TableCell>
                    <TableCell>{getal(w.verzuimGeoorloofd)}</TableCell>
                    <TableCell>{getal(w.verzuimOngeoorloofd)}</TableCell>
                    <TableCell>{gepland > 0 ? procent(w.verzuimOngeoorloofd / gepland) : '—'}</TableCell>
                    <TableCell>
                      {w.toetsen.length === 0
                        ? '—'
                        : w.toetsen
                            .map((t) => `${label(EXAMENCOMPONENT, t.component)} ${t.niveau}`)
                            .join(', ')}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <Paragraph>
            Lesuren van de taalaanbieder samen: {getal(weken.reduce((s, w) => s + w.lesuren, 0))}; ze tellen
            mee in de taaluren ({getal(state.uren.taal)} in totaal) voor afschalen na 600 uur.
          </Paragraph>
        </>
      )}
    </section>
  );
}
