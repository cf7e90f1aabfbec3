import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DOELGROEPEN, FASEN, LEERROUTES } from '../../../domain/traject/codes';
import { useUiConfig } from '../api/config';
import { api, foutmelding, query } from '../api/http';
import type { EscalatieRondeView, NachtelijkeEscalatiesStatus, WorkflowPagina } from '../api/typen';
import { useGebruiker } from '../auth/sessie';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';
import { Fout, Gelukt, Laden } from '../componenten/Status';
import { datum, tijdstip } from '../opmaak/datum';
import { getal } from '../opmaak/getal';
import { DOELGROEP, FASE, LEERROUTE, label } from '../opmaak/labels';
import { CodecSessie } from './CodecSessie';

type Rondes = { schedule: NachtelijkeEscalatiesStatus | null; rondes: EscalatieRondeView[] };
const RONDES = ['operations', 'escalatierondes'];

function Escalatierondes() {
  const queryClient = useQueryClient();
  const rondes = useQuery({
    queryKey: RONDES,
    queryFn: ({ signal }) => api<Rondes>('/api/v1/operations/escalatierondes?limiet=14', { signal }),
  });
  const [reden, setReden] = useState('');
  const [melding, setMelding] = useState<string | null>(null);
  const actie = useMutation({
    mutationFn: (wat: 'pauze' | 'hervatten' | 'start') =>
      api(`/api/v1/operations/escalatierondes/${wat}`, {
        methode: 'POST',
        body: wat === 'start' ? undefined : { reden },
      }),
    onSuccess: (_r, wat) => {
      setMelding(
        wat === 'pauze'
          ? 'De nachtelijke ronde is gepauzeerd.'
          : wat === 'hervatten'
            ? 'De nachtelijke ronde is hervat.'
            : 'Een ronde is gestart.',
      );
      setReden('');
      void queryClient.invalidateQueries({ queryKey: RONDES });
    },
    onError: () => setMelding(null),
  });
  const s = rondes.data?.schedule;
  const verstuur = (e: FormEvent) => {
    e.preventDefault();
    if (s) actie.mutate(s.gepauzeerd ? 'hervatten' : 'pauze');
  };
  return (
    <section aria-labelledby="rondes-kop">
      <Heading2 id="rondes-kop">Nachtelijke escalatieronde</Heading2>
      {melding ? <Gelukt>{melding}</Gelukt> : null}
      {actie.error ? (
        <Alert type="error" role="alert">
          <Paragraph>{foutmelding(actie.error)}</Paragraph>
        </Alert>
      ) : null}
      {rondes.isPending ? <Laden wat="De escalatierondes" /> : null}
      {rondes.error ? <Fout fout={rondes.error} /> : null}
      {rondes.data && !s ? (
        <Paragraph>De schedule bestaat nog niet (er is nog geen worker gestart).</Paragraph>
      ) : null}
      {s ? (
        <>
          <DataList>
            <DataListItem>
              <DataListKey>Status</DataListKey>
              <DataListValue>
                <StatusBadge status={s.gepauzeerd ? 'warning' : 'active'} data-testid="schedule-status">
                  {s.gepauzeerd ? 'Gepauzeerd' : 'Actief'}
                </StatusBadge>
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Tijd</DataListKey>
              <DataListValue>{s.tijd ?? '—'}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Notitie</DataListKey>
              <DataListValue>{s.notitie || '—'}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Volgende runs</DataListKey>
              <DataListValue>
                {s.volgendeRuns.map((r) => tijdstip(String(r))).join('; ') || '—'}
              </DataListValue>
            </DataListItem>
          </DataList>
          <form
            onSubmit={verstuur}
            className="formulier"
            aria-label={s.gepauzeerd ? 'Hervatten' : 'Pauzeren'}
          >
            <FormField className="veld">
              <div className="utrecht-form-field__label">
                <FormLabel htmlFor="ronde-reden">Reden (voor de notitie, zonder persoonsgegevens)</FormLabel>
              </div>
              <div className="utrecht-form-field__input">
                <Textbox
                  id="ronde-reden"
                  value={reden}
                  onChange={(e) => setReden(e.target.value)}
                  maxLength={200}
                />
              </div>
            </FormField>
            <ButtonGroup>
              <Button appearance="primary-action-button" type="submit" busy={actie.isPending}>
                {s.gepauzeerd ? 'Hervatten' : 'Pauzeren'}
              </Button>
              <Button
                appearance="secondary-action-button"
                type="button"
                onClick={() => actie.mutate('start')}
              >
                Nu een ronde starten
              </Button>
            </ButtonGroup>
          </form>
        </>
      ) : null}
      {rondes.data && rondes.data.rondes.length > 0 ? (
        <Table className="tabel">
          <TableCaption>Resultaat per nacht, nieuwste eerst</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Gestart</TableHeaderCell>
              <TableHeaderCell scope="col">Peildatum</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
              <TableHeaderCell scope="col">Trajecten</TableHeaderCell>
              <TableHeaderCell scope="col">Nieuwe signalen</TableHeaderCell>
              <TableHeaderCell scope="col">Duur</TableHeaderCell>
              <TableHeaderCell scope="col">Fouten</TableHeaderCell>
              <TableHeaderCell scope="col">Digests</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rondes.data.rondes.map((r) => (
              <TableRow key={r.id}>
                <TableCell>{tijdstip(r.gestartOp)}</TableCell>
                <TableCell>{datum(r.peildatum)}</TableCell>
                <TableCell>{r.status}</TableCell>
                <TableCell className="getal">{getal(r.trajecten)}</TableCell>
                <TableCell className="getal">{getal(r.nieuw)}</TableCell>
                <TableCell className="getal">
                  {r.duurMs === null ? '—' : `${(r.duurMs / 1000).toFixed(1)} s`}
                </TableCell>
                <TableCell className="getal">{r.fouten.length}</TableCell>
                <TableCell className="getal">{getal(r.digests)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </section>
  );
}

const ZOEKVELDEN = [
  'type',
  'status',
  'gemeente',
  'fase',
  'leerroute',
  'doelgroep',
  'casemanager',
  'volgendeDeadlineVoor',
];

function Workflows() {
  const [params, setParams] = useSearchParams();
  const zoek = Object.fromEntries(ZOEKVELDEN.map((k) => [k, params.get(k) ?? '']));
  const [invoer, setInvoer] = useState(zoek);
  const [cursor, setCursor] = useState<string | null>(null);
  const config = useUiConfig();
  const workflows = useQuery({
    queryKey: ['operations', 'workflows', zoek, cursor],
    queryFn: ({ signal }) =>
      api<WorkflowPagina>(`/api/v1/operations/workflows${query({ ...zoek, limiet: 50, cursor })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const zet = (k: string, v: string) => setInvoer((o) => ({ ...o, [k]: v }));
  const keuze = (naam: string, tekst: string, opties: readonly (readonly [string, string])[]) => (
    <FormField className="veld filter">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={`wf-${naam}`}>{tekst}</FormLabel>
      </div>
      <div className="utrecht-form-field__input">
        <Select id={`wf-${naam}`} value={invoer[naam]} onChange={(e) => zet(naam, e.target.value)}>
          <SelectOption value="">Alle</SelectOption>
          {opties.map(([w, t]) => (
            <SelectOption key={w} value={w}>
              {t}
            </SelectOption>
          ))}
        </Select>
      </div>
    </FormField>
  );
  const temporalUi = config.data
    ? `${config.data.temporalUiUrl}/namespaces/${config.data.temporalNamespace}/workflows`
    : null;
  return (
    <section aria-labelledby="workflows-kop">
      <Heading2 id="workflows-kop">Workflows zoeken</Heading2>
      <form
        className="filters"
        aria-label="Workflows zoeken"
        onSubmit={(e) => {
          e.preventDefault();
          const p = new URLSearchParams();
          for (const [k, v] of Object.entries(invoer)) if (v) p.set(k, v);
          setCursor(null);
          setParams(p);
        }}
      >
        {keuze('type', 'Type', [
          ['trajectWorkflow', 'Traject'],
          ['escalatieRondeWorkflow', 'Escalatieronde'],
        ])}
        {keuze(
          'status',
          'Status',
          ['Running', 'Completed', 'Failed', 'Terminated', 'ContinuedAsNew', 'TimedOut', 'Canceled'].map(
            (s) => [s, s] as const,
          ),
        )}
        {keuze(
          'fase',
          'Fase',
          FASEN.map((f) => [f, FASE[f]] as const),
        )}
        {keuze(
          'leerroute',
          'Leerroute',
          LEERROUTES.map((l) => [l, LEERROUTE[l]] as const),
        )}
        {keuze(
          'doelgroep',
          'Doelgroep',
          DOELGROEPEN.map((d) => [d, DOELGROEP[d]] as const),
        )}
        <FormField className="veld filter">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="wf-gemeente">Gemeente</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox
              id="wf-gemeente"
              value={invoer.gemeente}
              onChange={(e) => zet('gemeente', e.target.value.toUpperCase())}
            />
          </div>
        </FormField>
        <FormField className="veld filter">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="wf-casemanager">Casemanager</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox
              id="wf-casemanager"
              value={invoer.casemanager}
              onChange={(e) => zet('casemanager', e.target.value)}
            />
          </div>
        </FormField>
        <div className="filter-knoppen">
          <Button appearance="secondary-action-button" type="submit">
            Zoeken
          </Button>
        </div>
      </form>
      {workflows.isPending ? <Laden wat="De workflows" /> : null}
      {workflows.error ? <Fout fout={workflows.error} /> : null}
      {workflows.data ? (
        <>
          <Paragraph className="bijschrift">
            Visibility-query: <code>{workflows.data.query}</code>
          </Paragraph>
          <Table className="tabel" data-testid="workflows">
            <TableCaption>Workflows ({workflows.data.items.length} op deze pagina)</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Workflow</TableHeaderCell>
                <TableHeaderCell scope="col">Status</TableHeaderCell>
                <TableHeaderCell scope="col">Gestart</TableHeaderCell>
                <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                <TableHeaderCell scope="col">Fase</TableHeaderCell>
                <TableHeaderCell scope="col">Events</TableHeaderCell>
                <TableHeaderCell scope="col">Temporal UI</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {workflows.data.items.map((w) => (
                <TableRow key={`${w.workflowId}:${w.runId}`}>
                  <TableCell className="mono">
                    {w.workflowId.startsWith('traject-') ? (
                      <Koppeling to={`/operations/trajecten/${w.workflowId.slice(8)}`}>
                        {w.workflowId}
                      </Koppeling>
                    ) : (
                      w.workflowId
                    )}
                  </TableCell>
                  <TableCell>{w.status}</TableCell>
                  <TableCell>{tijdstip(w.start)}</TableCell>
                  <TableCell>{w.gemeente ?? '—'}</TableCell>
                  <TableCell>{label(FASE, w.fase)}</TableCell>
                  <TableCell className="getal">{getal(w.historyLength)}</TableCell>
                  <TableCell>
                    {temporalUi ? (
                      <a
                        className="utrecht-link"
                        href={`${temporalUi}/${encodeURIComponent(w.workflowId)}/${w.runId}/history`}
                        rel="noopener"
                        target="_blank"
                      >
                        Openen
                        <span className="visueel-verborgen">
                          {' '}
                          {w.workflowId} in de Temporal UI (nieuw venster)
                        </span>
                      </a>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {workflows.data.volgende ? (
            <Button
              appearance="secondary-action-button"
              type="button"
              onClick={() => setCursor(workflows.data.volgende)}
            >
              Volgende pagina
            </Button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export function Operations() {
  const gebruiker = useGebruiker();
  return (
    <Pagina titel="Operations">
      <Escalatierondes />
      {gebruiker?.rol === 'operations' ? <Workflows /> : null}
      {gebruiker?.rol === 'operations' ? <CodecSessie /> : null}
    </Pagina>
  );
}
