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
import type { Besluit } from '../../../../domain/traject';
import { Grondslag } from '../../componenten/Grondslag';
import { Laden } from '../../componenten/Status';
import { datum } from '../../opmaak/datum';
import { euro } from '../../opmaak/getal';
import {
  BEEINDIGINGSREDEN,
  BESLUIT,
  BOETEREDEN,
  LEERROUTE,
  label,
  PIP_REDEN,
  VERLENGINGSGROND,
} from '../../opmaak/labels';
import { useDossier } from './context';

function details(b: Besluit): string {
  const g = b.gegevens as Record<string, never>;
  switch (b.soort) {
    case 'pip':
      return `Versie ${g.versie}: ${label(PIP_REDEN, g.reden)}, ${label(LEERROUTE, g.leerroute)}`;
    case 'verlenging':
      return `${label(VERLENGINGSGROND, g.grond)}: einddatum van ${datum(g.oudeEinddatum)} naar ${datum(g.nieuweEinddatum)}`;
    case 'ontzorgen':
      return `Tot ${datum(g.einddatum)} (${g.status === 'actief' ? 'loopt' : 'afgebouwd'}, ${g.verlengingen}× verlengd)`;
    case 'boete':
    case 'duo-boete':
      return `${euro(g.bedrag)}${g.reden ? `, ${label(BOETEREDEN, g.reden)}` : ''}`;
    case 'beeindiging':
      return label(BEEINDIGINGSREDEN, g.reden);
    case 'voldaan':
      return label(LEERROUTE, g.leerroute);
    default:
      return '';
  }
}

export function Besluiten() {
  const { uitleg } = useDossier();
  if (!uitleg) return <Laden wat="De besluiten" />;
  return (
    <section aria-labelledby="besluiten-kop">
      <Heading2 id="besluiten-kop">Besluiten</Heading2>
      {uitleg.besluiten.length === 0 ? <Paragraph>Nog geen besluiten.</Paragraph> : null}
      {uitleg.besluiten.length > 0 ? (
        <Table className="tabel" data-testid="besluiten">
          <TableCaption>Besluiten in dit traject, met de regel die ze toepasten</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Datum</TableHeaderCell>
              <TableHeaderCell scope="col">Besluit</TableHeaderCell>
              <TableHeaderCell scope="col">Inhoud</TableHeaderCell>
              <TableHeaderCell scope="col">Grondslag</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {uitleg.besluiten.map((b, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: decisions are listed in a stable order
              <TableRow key={i} data-besluit={b.soort}>
                <TableCell>{datum(b.datum)}</TableCell>
                <TableCell>{label(BESLUIT, b.soort)}</TableCell>
                <TableCell>{details(b)}</TableCell>
                <TableCell>
                  <Grondslag grondslag={b.grondslag} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </section>
  );
}
