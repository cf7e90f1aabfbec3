import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormLabel,
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
import { api, query } from '../api/http';
import type { OpenTakenTelling, TrajectLijst } from '../api/typen';
import { DatumMetDagen } from '../componenten/Dagen';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';
import { PersoonNaam } from '../componenten/PersoonNaam';
import { Fout, Laden } from '../componenten/Status';
import { datum } from '../opmaak/datum';
import { DEADLINE, DOELGROEP, FASE, LEERROUTE, label } from '../opmaak/labels';

const SORTERINGEN: [string, string][] = [
  ['volgendeDeadline', 'Eerstvolgende deadline eerst'],
  ['termijnEinde', 'Einde termijn, vroegste eerst'],
  ['-kennisgevingsdatum', 'Nieuwste kennisgeving eerst'],
  ['kennisgevingsdatum', 'Oudste kennisgeving eerst'],
  ['-bijgewerktOp', 'Laatst bijgewerkt eerst'],
];

/** The filters the URL keeps (so a list can be bookmarked, shared and survives a reload). */
const FILTERS = [
  'fase',
  'leerroute',
  'doelgroep',
  'deadlineVoor',
  'termijnOverschreden',
  'afgesloten',
  'sorteer',
];
const LIMIET = 50;

export function Caseload({ weergave }: { weergave: 'mijn' | 'team' }) {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? '']));
  const cursor = params.get('cursor') ?? '';
  const zoek = {
    ...filters,
    afgesloten: filters.afgesloten || 'false',
    casemanager: weergave === 'mijn' ? 'ik' : undefined,
    limiet: LIMIET,
    cursor,
  };
  const lijst = useQuery({
    queryKey: ['trajecten', zoek],
    queryFn: ({ signal }) => api<TrajectLijst>(`/api/v1/trajecten${query(zoek)}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const ids = lijst.data?.items.map((t) => t.id) ?? [];
  const telling = useQuery({
    queryKey: ['taken-telling', ids],
    queryFn: ({ signal }) =>
      api<OpenTakenTelling[]>(`/api/v1/taken/telling${query({ trajectIds: ids.join(',') })}`, { signal }),
    enabled: ids.length > 0,
  });
  const signalen = new Map((telling.data ?? []).map((t) => [t.trajectId, t]));

  const titel = weergave === 'mijn' ? 'Mijn caseload' : 'Team';
  const items = lijst.data?.items ?? [];
  return (
    <Pagina titel={titel}>
      <Filters
        key={params.toString()}
        waarden={filters}
        toepassen={(nieuw) => {
          const p = new URLSearchParams();
          for (const [k, v] of Object.entries(nieuw)) if (v) p.set(k, v);
          setParams(p);
        }}
      />
      {lijst.isPending ? <Laden wat="De trajecten" /> : null}
      {lijst.error ? <Fout fout={lijst.error} titel="De lijst kon niet worden geladen" /> : null}
      {lijst.data ? (
        <>
          <Table className="tabel caseload">
            <TableCaption>
              {titel}:{' '}
              {items.length === 0
                ? 'geen trajecten'
                : items.length === 1
                  ? '1 traject'
                  : `${items.length} trajecten op deze pagina`}
              {cursor ? ' (vervolgpagina)' : ''}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Inburgeraar</TableHeaderCell>
                <TableHeaderCell scope="col">Fase</TableHeaderCell>
                <TableHeaderCell scope="col">Leerroute</TableHeaderCell>
                <TableHeaderCell scope="col">Volgende deadline</TableHeaderCell>
                <TableHeaderCell scope="col">Einde termijn</TableHeaderCell>
                <TableHeaderCell scope="col">Signalen</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((t) => {
                const s = signalen.get(t.id);
                return (
                  <TableRow key={t.id} data-traject={t.id}>
                    <TableCell>
                      <Koppeling to={`/trajecten/${t.id}`}>
                        <PersoonNaam trajectId={t.id} naam={t.naam} />
                      </Koppeling>
                      <span className="bijschrift">{label(DOELGROEP, t.doelgroep)}</span>
                    </TableCell>
                    <TableCell>{label(FASE, t.fase)}</TableCell>
                    <TableCell>{label(LEERROUTE, t.leerroute)}</TableCell>
                    <TableCell>
                      <DatumMetDagen waarde={t.volgendeDeadline} />
                      {t.volgendeDeadlineSoort ? (
                        <span className="bijschrift">{label(DEADLINE, t.volgendeDeadlineSoort)}</span>
                      ) : null}
                    </TableCell>
                    <TableCell>{datum(t.termijnEinde)}</TableCell>
                    <TableCell>
                      <Signalen
                        escalaties={s?.escalaties ?? 0}
                        waarschuwingen={s?.waarschuwingen ?? 0}
                        termijnOverschreden={t.termijnOverschreden}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <nav aria-label="Pagina's" className="bladeren">
            <ButtonGroup>
              {cursor ? (
                <Koppeling
                  to={{ search: paramsZonder(params, 'cursor') }}
                  className="utrecht-button-link utrecht-button-link--secondary-action"
                >
                  Eerste pagina
                </Koppeling>
              ) : null}
              {lijst.data.volgende ? (
                <Koppeling
                  to={{ search: paramsMet(params, 'cursor', lijst.data.volgende) }}
                  className="utrecht-button-link utrecht-button-link--secondary-action"
                >
                  Volgende pagina
                </Koppeling>
              ) : null}
            </ButtonGroup>
          </nav>
        </>
      ) : null}
    </Pagina>
  );
}

function paramsZonder(params: URLSearchParams, sleutel: string): string {
  const p = new URLSearchParams(params);
  p.delete(sleutel);
  return p.toString();
}

function paramsMet(params: URLSearchParams, sleutel: string, waarde: string): string {
  const p = new URLSearchParams(params);
  p.set(sleutel, waarde);
  return p.toString();
}

function Signalen({
  escalaties,
  waarschuwingen,
  termijnOverschreden,
}: {
  escalaties: number;
  waarschuwingen: number;
  termijnOverschreden: boolean;
}) {
  if (!escalaties && !waarschuwingen && !termijnOverschreden) return <span className="bijschrift">—</span>;
  return (
    <span className="signalen">
      {escalaties > 0 ? (
        <StatusBadge status="danger" className="badge-escalatie">
          {escalaties === 1 ? '1 escalatie' : `${escalaties} escalaties`}
        </StatusBadge>
      ) : null}
      {waarschuwingen > 0 ? (
        <StatusBadge status="warning">
          {waarschuwingen === 1 ? '1 waarschuwing' : `${waarschuwingen} waarschuwingen`}
        </StatusBadge>
      ) : null}
      {termijnOverschreden ? <StatusBadge status="danger">Termijn overschreden</StatusBadge> : null}
    </span>
  );
}

function Filters({
  waarden,
  toepassen,
}: {
  waarden: Record<string, string>;
  toepassen: (w: Record<string, string>) => void;
}) {
  const [w, setW] = useState(waarden);
  const zet = (k: string, v: string) => setW((oud) => ({ ...oud, [k]: v }));
  const verstuur = (e: FormEvent) => {
    e.preventDefault();
    toepassen(w);
  };
  const keuze = (naam: string, tekst: string, opties: readonly string[], labels: Record<string, string>) => (
    <FormField className="veld filter">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={`filter-${naam}`}>{tekst}</FormLabel>
      </div>
      <div className="utrecht-form-field__input">
        <Select id={`filter-${naam}`} value={w[naam]} onChange={(e) => zet(naam, e.target.value)}>
          <SelectOption value="">Alle</SelectOption>
          {opties.map((o) => (
            <SelectOption key={o} value={o}>
              {labels[o] ?? o}
            </SelectOption>
          ))}
        </Select>
      </div>
    </FormField>
  );
  return (
    <form onSubmit={verstuur} className="filters" aria-label="Filters">
      {keuze(
        'fase',
        'Fase',
        FASEN.filter((f) => f !== 'nieuw'),
        FASE,
      )}
      {keuze('leerroute', 'Leerroute', LEERROUTES, LEERROUTE)}
      {keuze('doelgroep', 'Doelgroep', DOELGROEPEN, DOELGROEP)}
      <FormField className="veld filter">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="filter-deadlineVoor">Deadline vóór</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Textbox
            id="filter-deadlineVoor"
            type="date"
            value={w.deadlineVoor}
            onChange={(e) => zet('deadlineVoor', e.target.value)}
          />
        </div>
      </FormField>
      <FormField className="veld filter">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="filter-sorteer">Sorteren</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Select
            id="filter-sorteer"
            value={w.sorteer || 'volgendeDeadline'}
            onChange={(e) => zet('sorteer', e.target.value)}
          >
            {SORTERINGEN.map(([v, t]) => (
              <SelectOption key={v} value={v}>
                {t}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>
      <div className="filter-vinkjes">
        <FormField type="checkbox" className="veld">
          <Checkbox
            id="filter-termijnOverschreden"
            checked={w.termijnOverschreden === 'true'}
            onChange={(e) => zet('termijnOverschreden', e.target.checked ? 'true' : '')}
          />
          <FormLabel htmlFor="filter-termijnOverschreden" type="checkbox">
            Alleen termijn overschreden
          </FormLabel>
        </FormField>
        <FormField type="checkbox" className="veld">
          <Checkbox
            id="filter-afgesloten"
            checked={w.afgesloten === 'true'}
            onChange={(e) => zet('afgesloten', e.target.checked ? 'true' : '')}
          />
          <FormLabel htmlFor="filter-afgesloten" type="checkbox">
            Afgesloten trajecten
          </FormLabel>
        </FormField>
      </div>
      <div className="filter-knoppen">
        <Button appearance="secondary-action-button" type="submit">
          Filter toepassen
        </Button>
      </div>
      <Paragraph className="bijschrift filter-uitleg">
        De filters staan in het adres van deze pagina: u kunt de lijst bewaren of delen.
      </Paragraph>
    </form>
  );
}
