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
import type { RoutestapStatus } from '../../../../domain/traject';
import { Koppeling } from '../../componenten/Koppeling';
import { datum } from '../../opmaak/datum';
import { label, ROUTE_UITVOERDER } from '../../opmaak/labels';
import { useDossier } from './context';

const STATUS: Record<RoutestapStatus['status'], string> = {
  afgerond: 'Afgerond',
  open: 'Open',
  te_laat: 'Te laat',
};

function afronding(s: RoutestapStatus): string {
  if (!s.afgerond) return '—';
  const wanneer = datum(s.afgerond.datum);
  if (s.afgerond.bron === 'feit') return `${wanneer}, vastgelegd feit`;
  return s.afgerond.door ? `${wanneer}, door ${s.afgerond.door}` : wanneer;
}

/**
 * The gemeente's own route (issue 15 point 7) as a checklist: every step with who does it, its last day,
 * its status in words (never colour alone) and how it was done; an open step links to the form that
 * records it (the API's own schema validates it there).
 */
export function Route() {
  const { id, traject } = useDossier();
  const status = traject.status;
  if (!status) return <Paragraph>De live status is nu niet beschikbaar.</Paragraph>;
  const route = status.route;
  if (!route) {
    return (
      <section aria-labelledby="route-kop">
        <Heading2 id="route-kop">Route van de gemeente</Heading2>
        <Paragraph>Dit traject heeft geen route van de gemeente.</Paragraph>
      </section>
    );
  }
  const kanAfvinken = !status.state.afgesloten;
  return (
    <section aria-labelledby="route-kop">
      <Heading2 id="route-kop">Route van de gemeente</Heading2>
      <Paragraph data-testid="route-samenvatting">
        {route.afgerond} van {route.totaal} stappen afgerond (route {route.id}, versie {route.versie}).
      </Paragraph>
      <Table className="tabel" data-testid="route">
        <TableCaption>Stappen van de route, in volgorde</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Stap</TableHeaderCell>
            <TableHeaderCell scope="col">Wie</TableHeaderCell>
            <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col">Afgerond</TableHeaderCell>
            <TableHeaderCell scope="col">Actie</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {route.stappen.map((s, i) => (
            <TableRow key={s.id}>
              <TableHeaderCell scope="row">
                {i + 1}. {s.naam}
              </TableHeaderCell>
              <TableCell>{label(ROUTE_UITVOERDER, s.wie)}</TableCell>
              <TableCell>{s.uiterlijk ? datum(s.uiterlijk) : '—'}</TableCell>
              <TableCell>
                <span className={s.status === 'te_laat' ? 'te-laat' : undefined}>{STATUS[s.status]}</span>
              </TableCell>
              <TableCell>{afronding(s)}</TableCell>
              <TableCell>
                {s.afgerond || !kanAfvinken ? (
                  '—'
                ) : (
                  <Koppeling to={`/trajecten/${id}/acties/routestappen?stap=${encodeURIComponent(s.id)}`}>
                    Afvinken<span className="visueel-verborgen">: {s.naam}</span>
                  </Koppeling>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
