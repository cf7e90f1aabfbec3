import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  FormField,
  FormLabel,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useUiConfig } from '../api/config';
import { api, query } from '../api/http';
import type { GeschiedenisPagina, GeschiedenisRegel } from '../api/typen';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';
import { PersoonNaam } from '../componenten/PersoonNaam';
import { Fout, Laden } from '../componenten/Status';
import { tijdstip } from '../opmaak/datum';

function details(d: Record<string, unknown>): string {
  return Object.entries(d)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The traject's Temporal history, decoded for operations staff, with a link to the Temporal UI. */
export function Geschiedenis() {
  const { id = '' } = useParams();
  const config = useUiConfig();
  const [alles, setAlles] = useState(false);
  const [paginas, setPaginas] = useState<string[]>([]);
  const cursor = paginas[paginas.length - 1];
  const geschiedenis = useQuery({
    queryKey: ['operations', 'geschiedenis', id, alles, cursor],
    queryFn: ({ signal }) =>
      api<GeschiedenisPagina>(
        `/api/v1/operations/trajecten/${id}/geschiedenis${query({ alles: alles ? 'true' : undefined, limiet: 200, cursor })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
  const g = geschiedenis.data;
  const temporalUi =
    config.data && g
      ? `${config.data.temporalUiUrl}/namespaces/${config.data.temporalNamespace}/workflows/${encodeURIComponent(g.workflowId)}/${g.runId}/history`
      : null;
  return (
    <Pagina
      titel={`Geschiedenis traject ${id.slice(0, 8)}`}
      kop={
        <>
          Geschiedenis van <PersoonNaam trajectId={id} />
        </>
      }
    >
      <Paragraph>
        <Koppeling to="/operations">Terug naar operations</Koppeling>
        {temporalUi ? (
          <>
            {' · '}
            <a
              className="utrecht-link"
              href={temporalUi}
              target="_blank"
              rel="noopener"
              data-testid="temporal-ui"
            >
              Openen in de Temporal UI (nieuw venster)
            </a>
          </>
        ) : null}
      </Paragraph>
      <FormField type="checkbox" className="veld">
        <Checkbox
          id="geschiedenis-alles"
          checked={alles}
          onChange={(e) => {
            setAlles(e.target.checked);
            setPaginas([]);
          }}
        />
        <FormLabel htmlFor="geschiedenis-alles" type="checkbox">
          Ook workflow-taken tonen
        </FormLabel>
      </FormField>
      {geschiedenis.isPending ? <Laden wat="De geschiedenis" /> : null}
      {geschiedenis.error ? <Fout fout={geschiedenis.error} /> : null}
      {g ? (
        <>
          <Paragraph>
            Workflow <span className="mono">{g.workflowId}</span>, run <span className="mono">{g.runId}</span>
            , status {g.status}.
          </Paragraph>
          <Table className="tabel" data-testid="geschiedenis">
            <TableCaption>Events, oudste eerst</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">#</TableHeaderCell>
                <TableHeaderCell scope="col">Tijd</TableHeaderCell>
                <TableHeaderCell scope="col">Wat</TableHeaderCell>
                <TableHeaderCell scope="col">Details</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {g.items.map((r: GeschiedenisRegel) => (
                <TableRow key={r.eventId}>
                  <TableCell className="getal">{r.eventId}</TableCell>
                  <TableCell>{tijdstip(r.tijd)}</TableCell>
                  <TableCell>
                    {r.beschrijving}
                    <span className="bijschrift mono">{r.soort}</span>
                  </TableCell>
                  <TableCell className="details">{details(r.details)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {g.volgende ? (
            <Button
              appearance="secondary-action-button"
              type="button"
              onClick={() => setPaginas((p) => [...p, g.volgende as string])}
            >
              Volgende events
            </Button>
          ) : null}
        </>
      ) : null}
    </Pagina>
  );
}
