import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
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
import { Grondslag } from '../../componenten/Grondslag';
import { datum } from '../../opmaak/datum';
import { EXAMENCOMPONENT, LEERROUTE, label, PIP_REDEN } from '../../opmaak/labels';
import { useDossier } from './context';

export function PipVersies() {
  const { traject, uitleg } = useDossier();
  const state = traject.status?.state;
  const versies = state?.pipVersies ?? [];
  const besluiten = uitleg?.besluiten.filter((b) => b.soort === 'pip') ?? [];
  return (
    <section aria-labelledby="pip-kop">
      <Heading2 id="pip-kop">PIP-versies</Heading2>
      {versies.length === 0 ? <Paragraph>Er is nog geen PIP vastgesteld.</Paragraph> : null}
      {versies.length > 0 ? (
        <Table className="tabel">
          <TableCaption>Elke versie van het Plan Inburgering en Participatie (een beschikking)</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Versie</TableHeaderCell>
              <TableHeaderCell scope="col">Dagtekening</TableHeaderCell>
              <TableHeaderCell scope="col">Reden</TableHeaderCell>
              <TableHeaderCell scope="col">Leerroute</TableHeaderCell>
              <TableHeaderCell scope="col">Grondslag</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {versies.map((v) => (
              <TableRow key={v.versie}>
                <TableCell>{v.versie}</TableCell>
                <TableCell>{datum(v.dagtekening)}</TableCell>
                <TableCell>{label(PIP_REDEN, v.reden)}</TableCell>
                <TableCell>{label(LEERROUTE, v.leerroute)}</TableCell>
                <TableCell>
                  <Grondslag
                    grondslag={besluiten.find((b) => b.gegevens.versie === v.versie)?.grondslag ?? []}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {state?.taaldoelen || state?.cadans ? (
        <DataList>
          {state.taaldoelen ? (
            <DataListItem>
              <DataListKey>Taaldoelen</DataListKey>
              <DataListValue>
                {Object.entries(state.taaldoelen)
                  .map(([c, n]) => `${label(EXAMENCOMPONENT, c)} ${n}`)
                  .join(', ')}
              </DataListValue>
            </DataListItem>
          ) : null}
          {state.cadans ? (
            <DataListItem>
              <DataListKey>Voortgangsgesprekken</DataListKey>
              <DataListValue>
                elke {state.cadans.eersteJaarMaanden} maanden in het eerste jaar, daarna elke{' '}
                {state.cadans.daarnaMaanden} maanden
              </DataListValue>
            </DataListItem>
          ) : null}
          {state.intake ? (
            <DataListItem>
              <DataListKey>Brede intake</DataListKey>
              <DataListValue>
                {datum(state.intake.datum)}
                {state.intake.geadviseerdeRoute
                  ? `, advies ${label(LEERROUTE, state.intake.geadviseerdeRoute)}`
                  : ''}
              </DataListValue>
            </DataListItem>
          ) : null}
        </DataList>
      ) : null}
    </section>
  );
}
