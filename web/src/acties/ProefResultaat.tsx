import {
  Heading3,
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
import type { DeadlineMetGrondslag } from '../../../domain/traject';
import type { ProefView } from '../api/typen';
import { Grondslag } from '../componenten/Grondslag';
import { datum, metDatums } from '../opmaak/datum';
import { DEADLINE, eis, FASE, label, SIGNAAL } from '../opmaak/labels';

interface Verschil {
  id: string;
  soort: string;
  omschrijving: string;
  was: string | null;
  wordt: string | null;
  grondslag: DeadlineMetGrondslag['grondslag'];
}

/** Deadlines that appear, move or go away: what a casemanager wants to see before submitting. */
export function verschillen(voor: DeadlineMetGrondslag[], na: DeadlineMetGrondslag[]): Verschil[] {
  const oud = new Map(voor.map((d) => [d.id, d]));
  const nieuw = new Map(na.map((d) => [d.id, d]));
  const lijst: Verschil[] = [];
  for (const d of na) {
    const o = oud.get(d.id);
    if (!o || o.datum !== d.datum) {
      lijst.push({
        id: d.id,
        soort: d.soort,
        omschrijving: d.omschrijving,
        was: o?.datum ?? null,
        wordt: d.datum,
        grondslag: d.grondslag,
      });
    }
  }
  for (const o of voor) {
    if (!nieuw.has(o.id))
      lijst.push({
        id: o.id,
        soort: o.soort,
        omschrijving: o.omschrijving,
        was: o.datum,
        wordt: null,
        grondslag: o.grondslag,
      });
  }
  return lijst;
}

export function ProefResultaat({ proef }: { proef: ProefView }) {
  const diff = verschillen(proef.deadlines.voor, proef.deadlines.na);
  const { nieuw, afgerond, vervallen } = proef.taken;
  return (
    <section aria-labelledby="proef-kop" className="proef" data-testid="proef">
      <Heading3 id="proef-kop">Proefberekening: dit zou er gebeuren (niets vastgelegd)</Heading3>
      <Paragraph>
        Fase: {label(FASE, proef.fase.voor)}
        {proef.fase.na !== proef.fase.voor ? ` → ${label(FASE, proef.fase.na)}` : ' (blijft gelijk)'}.
        {proef.termijnEinde.na !== proef.termijnEinde.voor
          ? ` Einde inburgeringstermijn: ${datum(proef.termijnEinde.voor, 'nog niet bepaald')} → ${datum(proef.termijnEinde.na)}.`
          : ''}
      </Paragraph>
      {proef.events.length > 0 ? (
        <UnorderedList>
          {proef.events.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of computed lines
            <UnorderedListItem key={i}>{metDatums(e.beschrijving)}</UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>Dit commando verandert niets (al eerder vastgelegd).</Paragraph>
      )}
      {diff.length === 0 ? (
        <Paragraph>De deadlines blijven gelijk.</Paragraph>
      ) : (
        <Table className="tabel">
          <TableCaption>Deadlines die veranderen</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Deadline</TableHeaderCell>
              <TableHeaderCell scope="col">Nu</TableHeaderCell>
              <TableHeaderCell scope="col">Na dit commando</TableHeaderCell>
              <TableHeaderCell scope="col">Grondslag</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {diff.map((d) => (
              <TableRow key={d.id} data-proef-deadline={d.soort}>
                <TableCell>
                  <strong>{label(DEADLINE, d.soort)}</strong>
                  <span className="bijschrift">{metDatums(d.omschrijving)}</span>
                </TableCell>
                <TableCell>{datum(d.was, 'nog niet')}</TableCell>
                <TableCell>{datum(d.wordt, 'vervalt')}</TableCell>
                <TableCell>
                  <Grondslag grondslag={d.grondslag} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {nieuw.length + afgerond.length + vervallen.length > 0 ? (
        <UnorderedList>
          {nieuw.map((t) => (
            <UnorderedListItem key={`n-${t.sleutel}`}>
              Nieuwe taak: {label(SIGNAAL, t.soort)} — {metDatums(t.omschrijving)}
            </UnorderedListItem>
          ))}
          {afgerond.map((t) => (
            <UnorderedListItem key={`a-${t.sleutel}`}>
              Taak vanzelf afgerond: {label(SIGNAAL, t.soort)}
            </UnorderedListItem>
          ))}
          {vervallen.map((t) => (
            <UnorderedListItem key={`v-${t.sleutel}`}>
              Taak vervalt: {label(SIGNAAL, t.soort)}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>Geen nieuwe of afgeronde taken.</Paragraph>
      )}
      {proef.ontbrekend.na.length > 0 ? (
        <Paragraph>Daarna ontbreekt nog voor voldaan: {proef.ontbrekend.na.map(eis).join(', ')}.</Paragraph>
      ) : proef.fase.na === 'voldaan' ? (
        <Paragraph>Daarmee is aan de inburgeringsplicht voldaan.</Paragraph>
      ) : null}
    </section>
  );
}
