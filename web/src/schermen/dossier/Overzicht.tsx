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
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { DatumMetDagen } from '../../componenten/Dagen';
import { Grondslag } from '../../componenten/Grondslag';
import { Laden } from '../../componenten/Status';
import { datum, metDatums } from '../../opmaak/datum';
import { ACTIE, DEADLINE, eis, label, SIGNAAL } from '../../opmaak/labels';
import { useDossier } from './context';

export function Overzicht() {
  const { traject, uitleg } = useDossier();
  const status = traject.status;
  const state = status?.state;
  return (
    <>
      <section aria-labelledby="ontbreekt-kop">
        <Heading2 id="ontbreekt-kop">Wat ontbreekt nog voor voldaan</Heading2>
        {!uitleg ? <Laden wat="De uitleg" /> : null}
        {state?.afsluiting?.uitkomst === 'voldaan' ? (
          <Paragraph data-testid="voldaan">
            Aan de inburgeringsplicht is voldaan op {datum(state.afsluiting.datum)}.
          </Paragraph>
        ) : null}
        {state?.afgesloten && state.afsluiting?.uitkomst !== 'voldaan' ? (
          <Paragraph>Het traject is afgesloten ({state.afsluiting?.uitkomst}).</Paragraph>
        ) : null}
        {uitleg && uitleg.ontbrekend.length > 0 ? (
          <UnorderedList data-testid="ontbreekt">
            {uitleg.ontbrekend.map((o) => (
              <UnorderedListItem key={o.eis} data-eis={o.eis}>
                {eis(o.eis)}
                {o.doel ? ` op niveau ${o.doel}` : ''}
                {o.stand ? ` (${o.stand.huidig} van ${o.stand.norm} uur)` : ''}
                {o.grondslag.length > 0 ? <Grondslag grondslag={o.grondslag} /> : null}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        ) : null}
      </section>

      <section aria-labelledby="deadlines-kop">
        <Heading2 id="deadlines-kop">Lopende deadlines</Heading2>
        {uitleg && uitleg.deadlines.length === 0 ? <Paragraph>Er lopen geen deadlines.</Paragraph> : null}
        {uitleg && uitleg.deadlines.length > 0 ? (
          <Table className="tabel deadlines">
            <TableCaption>Deadlines die de regels uit de feiten afleiden, eerstvolgende eerst</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Datum</TableHeaderCell>
                <TableHeaderCell scope="col">Wat</TableHeaderCell>
                <TableHeaderCell scope="col">Gevolg</TableHeaderCell>
                <TableHeaderCell scope="col">Grondslag</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {uitleg.deadlines.map((d) => (
                <TableRow key={d.id} data-deadline={d.soort}>
                  <TableCell>
                    <DatumMetDagen waarde={d.datum} peildatum={uitleg.peildatum} />
                  </TableCell>
                  <TableCell>
                    <strong>{label(DEADLINE, d.soort)}</strong>
                    <span className="bijschrift">{metDatums(d.omschrijving)}</span>
                  </TableCell>
                  <TableCell>{label(ACTIE, d.actie)}</TableCell>
                  <TableCell>
                    <Grondslag grondslag={d.grondslag} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </section>

      <section aria-labelledby="open-kop">
        <Heading2 id="open-kop">Open taken en signalen</Heading2>
        {status && status.openTaken.length === 0 ? <Paragraph>Geen open taken.</Paragraph> : null}
        {status && status.openTaken.length > 0 ? (
          <UnorderedList>
            {status.openTaken.map((t) => (
              <UnorderedListItem key={`${t.sleutel}@${t.vervaldatum}`}>
                {label(ACTIE, t.actie)}: {label(SIGNAAL, t.soort)} — {metDatums(t.omschrijving)} (vervalt{' '}
                {datum(t.vervaldatum)})
              </UnorderedListItem>
            ))}
          </UnorderedList>
        ) : null}
        {status && status.afgewezen.length > 0 ? (
          <>
            <Heading2>Afgewezen berichten van koppelingen</Heading2>
            <UnorderedList>
              {status.afgewezen.map((a) => (
                <UnorderedListItem key={a.commandId}>
                  {datum(a.ontvangenOp)}: {a.type} — {a.detail}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        ) : null}
      </section>
    </>
  );
}
