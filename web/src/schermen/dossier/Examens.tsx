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
import { ONDERDELEN } from '../../../../domain/traject/codes';
import { datum } from '../../opmaak/datum';
import { getal } from '../../opmaak/getal';
import { EXAMENCOMPONENT, label, ONDERDEEL } from '../../opmaak/labels';
import { useDossier } from './context';

export function Examens() {
  const { traject, uitleg } = useDossier();
  const state = traject.status?.state;
  if (!state) return <Paragraph>De live status is nu niet beschikbaar.</Paragraph>;
  const uren = uitleg?.ontbrekend.filter((o) => o.stand) ?? [];
  return (
    <>
      <section aria-labelledby="examens-kop">
        <Heading2 id="examens-kop">Examenresultaten</Heading2>
        {state.examenresultaten.length === 0 ? <Paragraph>Nog geen examenresultaten.</Paragraph> : null}
        {state.examenresultaten.length > 0 ? (
          <Table className="tabel" data-testid="examens">
            <TableCaption>Alle pogingen; de laatste behaalde telt</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Datum</TableHeaderCell>
                <TableHeaderCell scope="col">Onderdeel</TableHeaderCell>
                <TableHeaderCell scope="col">Niveau</TableHeaderCell>
                <TableHeaderCell scope="col">Uitslag</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {state.examenresultaten.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: results only grow at the end
                <TableRow key={i}>
                  <TableCell>{datum(r.datum)}</TableCell>
                  <TableCell>{label(EXAMENCOMPONENT, r.component)}</TableCell>
                  <TableCell>{r.niveau ?? '—'}</TableCell>
                  <TableCell>{r.behaald ? 'Behaald' : 'Niet behaald'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </section>
      <section aria-labelledby="uren-kop">
        <Heading2 id="uren-kop">Uren en onderdelen</Heading2>
        <Table className="tabel">
          <TableCaption>Geregistreerde uren</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Soort</TableHeaderCell>
              <TableHeaderCell scope="col">Uren</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            <TableRow>
              <TableHeaderCell scope="row">Taal en KNM</TableHeaderCell>
              <TableCell>{getal(state.uren.taal)}</TableCell>
            </TableRow>
            <TableRow>
              <TableHeaderCell scope="row">Participatie</TableHeaderCell>
              <TableCell>{getal(state.uren.participatie)}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
        {uren.length > 0 ? (
          <Paragraph>
            Nog nodig voor de Z-route:{' '}
            {uren.map((o) => `${o.eis.slice(5)} ${o.stand?.huidig} van ${o.stand?.norm} uur`).join('; ')}.
          </Paragraph>
        ) : null}
        <Table className="tabel">
          <TableCaption>Onderdelen</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Onderdeel</TableHeaderCell>
              <TableHeaderCell scope="col">Afgerond op</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {ONDERDELEN.map((o) => (
              <TableRow key={o}>
                <TableHeaderCell scope="row">{label(ONDERDEEL, o)}</TableHeaderCell>
                <TableCell>{datum(state.onderdelen[o], 'nog niet')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </>
  );
}
