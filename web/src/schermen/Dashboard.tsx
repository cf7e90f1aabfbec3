import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { addMonths } from '../../../domain/shared/kalender';
import { EXAMENCOMPONENTEN, FASEN } from '../../../domain/traject/codes';
import { api, apiBestand, foutmelding, query } from '../api/http';
import type { Cohort, GemeenteOverzicht } from '../api/typen';
import { Pagina } from '../componenten/Pagina';
import { Fout, Laden } from '../componenten/Status';
import { vandaag } from '../opmaak/datum';
import { getal, procent } from '../opmaak/getal';
import { DOELGROEP, EXAMENCOMPONENT, FASE, LEERROUTE, label } from '../opmaak/labels';

const KLEUR = { primair: '#1d4f91', tweede: '#a04000' };

interface Reeks {
  naam: string;
  /** null: nothing to measure (e.g. no PIP yet in that month); the table says so, the chart shows 0. */
  waarden: (number | null)[];
  kleur: string;
}

/**
 * A chart and the same numbers as a table: the chart for the eye, the table for everyone (screen
 * readers, keyboard, copy to a spreadsheet). The chart itself is hidden from assistive technology.
 */
function GrafiekMetTabel({
  id,
  titel,
  categorieKop,
  categorieen,
  reeksen,
  horizontaal = false,
}: {
  id: string;
  titel: string;
  categorieKop: string;
  categorieen: string[];
  reeksen: Reeks[];
  horizontaal?: boolean;
}) {
  const data = categorieen.map((c, i) => ({
    categorie: c,
    ...Object.fromEntries(reeksen.map((r) => [r.naam, r.waarden[i] ?? 0])),
  }));
  const hoogte = horizontaal ? Math.max(160, categorieen.length * 34 + 60) : 260;
  return (
    <figure className="grafiek" aria-labelledby={`${id}-titel`}>
      <figcaption id={`${id}-titel`}>
        <Heading3>{titel}</Heading3>
      </figcaption>
      {categorieen.length === 0 ? (
        <Paragraph>Geen gegevens.</Paragraph>
      ) : (
        <div className="grafiek-vlak" aria-hidden="true">
          <ResponsiveContainer width="100%" height={hoogte}>
            <BarChart
              data={data}
              layout={horizontaal ? 'vertical' : 'horizontal'}
              accessibilityLayer={false}
              margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              {horizontaal ? (
                <>
                  <XAxis type="number" allowDecimals={false} />
                  <YAxis type="category" dataKey="categorie" width={140} />
                </>
              ) : (
                <>
                  <XAxis dataKey="categorie" />
                  <YAxis allowDecimals={false} />
                </>
              )}
              <Tooltip isAnimationActive={false} />
              {reeksen.length > 1 ? <Legend /> : null}
              {reeksen.map((r) => (
                <Bar
                  key={r.naam}
                  dataKey={r.naam}
                  fill={r.kleur}
                  isAnimationActive={false}
                  stackId={horizontaal ? 'a' : undefined}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <Table className="tabel grafiek-tabel" data-testid={id}>
        <TableCaption>{titel} (tabel)</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{categorieKop}</TableHeaderCell>
            {reeksen.map((r) => (
              <TableHeaderCell key={r.naam} scope="col">
                {r.naam}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {categorieen.map((c, i) => (
            <TableRow key={c} data-categorie={c}>
              <TableHeaderCell scope="row">{c}</TableHeaderCell>
              {reeksen.map((r) => (
                <TableCell key={r.naam} className="getal">
                  {getal(r.waarden[i])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </figure>
  );
}

const MAAND = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-09` → "september 2026". */
function maandNaam(maand: string): string {
  return /^\d{4}-\d{2}$/.test(maand) ? MAAND.format(new Date(`${maand}-01T00:00:00Z`)) : maand;
}

function telling(t: Record<string, number>, volgorde: readonly string[], labels: Record<string, string>) {
  const codes = [...volgorde.filter((c) => c in t), ...Object.keys(t).filter((c) => !volgorde.includes(c))];
  return { categorieen: codes.map((c) => label(labels, c, c)), waarden: codes.map((c) => t[c]) };
}

function Kerncijfer({ naam, waarde, testid }: { naam: string; waarde: ReactNode; testid: string }) {
  return (
    <div className="kerncijfer">
      <dt>{naam}</dt>
      <dd data-testid={testid}>{waarde}</dd>
    </div>
  );
}

function GemeenteBlok({ o }: { o: GemeenteOverzicht }) {
  const fase = telling(o.perFase, FASEN, FASE);
  const route = telling(o.perLeerroute, ['b1', 'onderwijs', 'z', '(geen)'], {
    ...LEERROUTE,
    '(geen)': 'Nog geen',
  });
  const doelgroep = telling(o.perDoelgroep, Object.keys(DOELGROEP), DOELGROEP);
  return (
    <section aria-labelledby={`overzicht-${o.gemeente}`} className="gemeente-overzicht">
      <Heading2 id={`overzicht-${o.gemeente}`}>Overzicht {o.gemeente}</Heading2>
      <dl className="kerncijfers">
        <Kerncijfer naam="Trajecten" waarde={getal(o.trajecten)} testid="kpi-trajecten" />
        <Kerncijfer naam="Lopend" waarde={getal(o.open)} testid="kpi-open" />
        <Kerncijfer
          naam="PIP binnen de wettelijke termijn"
          waarde={`${procent(o.pipBinnenTienWeken.aandeel)} (${o.pipBinnenTienWeken.binnen} van ${o.pipBinnenTienWeken.vastgesteld})`}
          testid="kpi-pip"
        />
      </dl>
      <div className="grafieken">
        <GrafiekMetTabel
          id="tabel-fase"
          titel="Trajecten per fase"
          categorieKop="Fase"
          categorieen={fase.categorieen}
          reeksen={[{ naam: 'Trajecten', waarden: fase.waarden, kleur: KLEUR.primair }]}
        />
        <GrafiekMetTabel
          id="tabel-leerroute"
          titel="Trajecten per leerroute"
          categorieKop="Leerroute"
          categorieen={route.categorieen}
          reeksen={[{ naam: 'Trajecten', waarden: route.waarden, kleur: KLEUR.primair }]}
        />
        <GrafiekMetTabel
          id="tabel-doelgroep"
          titel="Trajecten per doelgroep"
          categorieKop="Doelgroep"
          categorieen={doelgroep.categorieen}
          reeksen={[{ naam: 'Trajecten', waarden: doelgroep.waarden, kleur: KLEUR.primair }]}
        />
        <GrafiekMetTabel
          id="tabel-caseload"
          titel="Caseload per casemanager (lopende trajecten)"
          categorieKop="Casemanager"
          categorieen={o.caseloadPerCasemanager.map((c) => c.casemanager)}
          reeksen={[
            { naam: 'Lopend', waarden: o.caseloadPerCasemanager.map((c) => c.open), kleur: KLEUR.primair },
          ]}
          horizontaal
        />
        <GrafiekMetTabel
          id="tabel-escalaties"
          titel="Open escalaties en waarschuwingen per casemanager"
          categorieKop="Casemanager"
          categorieen={o.openEscalatiesPerCasemanager.map((c) => c.casemanager)}
          reeksen={[
            {
              naam: 'Escalaties',
              waarden: o.openEscalatiesPerCasemanager.map((c) => c.escalaties),
              kleur: KLEUR.tweede,
            },
            {
              naam: 'Waarschuwingen',
              waarden: o.openEscalatiesPerCasemanager.map((c) => c.waarschuwingen),
              kleur: KLEUR.primair,
            },
          ]}
          horizontaal
        />
      </div>
    </section>
  );
}

function Cohorten() {
  const eind = vandaag().slice(0, 7);
  const [periode, setPeriode] = useState({
    van: `${addMonths(`${eind}-01`, -11).slice(0, 7)}-01`,
    tot: vandaag(),
  });
  const [invoer, setInvoer] = useState(periode);
  const cohorten = useQuery({
    queryKey: ['rapportage', 'cohorten', periode],
    queryFn: ({ signal }) =>
      api<{ cohorten: Cohort[] }>(`/api/v1/rapportage/cohorten${query(periode)}`, { signal }),
  });
  const toepassen = (e: FormEvent) => {
    e.preventDefault();
    setPeriode(invoer);
  };
  const lijst = cohorten.data?.cohorten ?? [];
  return (
    <section aria-labelledby="cohorten-kop">
      <Heading2 id="cohorten-kop">Cohorten per maand van kennisgeving</Heading2>
      <form onSubmit={toepassen} className="filters" aria-label="Periode">
        <FormField className="veld filter">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="cohort-van">Kennisgeving vanaf</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox
              id="cohort-van"
              type="date"
              value={invoer.van}
              onChange={(e) => setInvoer({ ...invoer, van: e.target.value })}
            />
          </div>
        </FormField>
        <FormField className="veld filter">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="cohort-tot">tot en met</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox
              id="cohort-tot"
              type="date"
              value={invoer.tot}
              onChange={(e) => setInvoer({ ...invoer, tot: e.target.value })}
            />
          </div>
        </FormField>
        <div className="filter-knoppen">
          <Button appearance="secondary-action-button" type="submit">
            Toon cohorten
          </Button>
        </div>
      </form>
      {cohorten.isPending ? <Laden wat="De cohorten" /> : null}
      {cohorten.error ? <Fout fout={cohorten.error} /> : null}
      {cohorten.data ? (
        <>
          <GrafiekMetTabel
            id="tabel-cohort-pip"
            titel="Mediaan aantal dagen tot PIP en tot voldaan"
            categorieKop="Maand"
            categorieen={lijst.map((c) => maandNaam(c.maand))}
            reeksen={[
              {
                naam: 'Dagen tot PIP',
                waarden: lijst.map((c) => c.mediaanDagenTotPip),
                kleur: KLEUR.primair,
              },
              {
                naam: 'Dagen tot voldaan',
                waarden: lijst.map((c) => c.mediaanDagenTotVoldaan),
                kleur: KLEUR.tweede,
              },
            ]}
          />
          <Table className="tabel cohorten" data-testid="tabel-cohorten">
            <TableCaption>Cohorten: aantallen, doorlooptijden en slagingspercentages</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Maand</TableHeaderCell>
                <TableHeaderCell scope="col">Trajecten</TableHeaderCell>
                <TableHeaderCell scope="col">PIP vastgesteld</TableHeaderCell>
                <TableHeaderCell scope="col">Mediaan dagen tot PIP</TableHeaderCell>
                <TableHeaderCell scope="col">Voldaan</TableHeaderCell>
                <TableHeaderCell scope="col">Mediaan dagen tot voldaan</TableHeaderCell>
                {EXAMENCOMPONENTEN.map((c) => (
                  <TableHeaderCell key={c} scope="col">
                    Geslaagd {c === 'knm' ? 'KNM' : EXAMENCOMPONENT[c].toLowerCase()}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell scope="col">Uitstroom</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {lijst.map((c) => (
                <TableRow key={c.maand}>
                  <TableHeaderCell scope="row">{maandNaam(c.maand)}</TableHeaderCell>
                  <TableCell className="getal">{getal(c.trajecten)}</TableCell>
                  <TableCell className="getal">{getal(c.pipVastgesteld)}</TableCell>
                  <TableCell className="getal">{getal(c.mediaanDagenTotPip)}</TableCell>
                  <TableCell className="getal">{getal(c.voldaan)}</TableCell>
                  <TableCell className="getal">{getal(c.mediaanDagenTotVoldaan)}</TableCell>
                  {EXAMENCOMPONENTEN.map((k) => {
                    const e = c.examens[k];
                    return (
                      <TableCell key={k} className="getal">
                        {e && e.slagingspercentage !== null
                          ? `${getal(e.slagingspercentage)}% (${e.behaald}/${e.deelgenomen})`
                          : '—'}
                      </TableCell>
                    );
                  })}
                  <TableCell>
                    {Object.entries(c.uitstroom)
                      .map(([r, n]) => `${r}: ${n}`)
                      .join(', ') || '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
    </section>
  );
}

/** The last eight complete quarters, newest first (the CBS delivery is per quarter). */
export function kwartalen(peildatum: string): string[] {
  const jaar = Number(peildatum.slice(0, 4));
  const k = Math.floor((Number(peildatum.slice(5, 7)) - 1) / 3) + 1;
  const lijst: string[] = [];
  let j = jaar;
  let q = k - 1;
  for (let i = 0; i < 8; i++) {
    if (q === 0) {
      j -= 1;
      q = 4;
    }
    lijst.push(`${j}Q${q}`);
    q -= 1;
  }
  return lijst;
}

function CbsExport() {
  const opties = kwartalen(vandaag());
  const [kwartaal, setKwartaal] = useState(opties[0]);
  const download = useMutation({
    mutationFn: () => apiBestand(`/api/v1/rapportage/cbs-swi${query({ kwartaal })}`),
    onSuccess: ({ blob, naam }) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = naam;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  return (
    <section aria-labelledby="cbs-kop">
      <Heading2 id="cbs-kop">CBS Statistiek Wet Inburgering</Heading2>
      <Paragraph>
        Per kwartaal een CSV met de feiten per traject (zonder namen of BSN), te leveren binnen vier weken.
      </Paragraph>
      <form
        className="filters"
        aria-label="CBS-levering"
        onSubmit={(e) => {
          e.preventDefault();
          download.mutate();
        }}
      >
        <FormField className="veld filter">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="cbs-kwartaal">Kwartaal</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Select id="cbs-kwartaal" value={kwartaal} onChange={(e) => setKwartaal(e.target.value)}>
              {opties.map((k) => (
                <SelectOption key={k} value={k}>
                  {k.replace('Q', ' kwartaal ')}
                </SelectOption>
              ))}
            </Select>
          </div>
        </FormField>
        <div className="filter-knoppen">
          <Button appearance="secondary-action-button" type="submit" busy={download.isPending}>
            CSV downloaden
          </Button>
        </div>
      </form>
      {download.error ? (
        <Alert type="error" role="alert">
          <Paragraph>{foutmelding(download.error)}</Paragraph>
        </Alert>
      ) : null}
    </section>
  );
}

export function Dashboard() {
  const overzicht = useQuery({
    queryKey: ['rapportage', 'overzicht'],
    queryFn: ({ signal }) =>
      api<{ gemeenten: GemeenteOverzicht[] }>('/api/v1/rapportage/overzicht', { signal }),
  });
  return (
    <Pagina titel="Dashboard">
      {overzicht.isPending ? <Laden wat="Het overzicht" /> : null}
      {overzicht.error ? <Fout fout={overzicht.error} titel="Het overzicht kon niet worden geladen" /> : null}
      {overzicht.data && overzicht.data.gemeenten.length === 0 ? (
        <Paragraph>Nog geen trajecten.</Paragraph>
      ) : null}
      {overzicht.data?.gemeenten.map((o) => (
        <GemeenteBlok key={o.gemeente} o={o} />
      ))}
      <Cohorten />
      <CbsExport />
    </Pagina>
  );
}
