import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
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
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type FieldValues, type Resolver, useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { z } from 'zod';
import { persoonCorrectieSchema } from '../../../domain/persoon/inburgeraar';
import { addMonths } from '../../../domain/shared/kalender';
import { geldend, WET } from '../../../domain/wet';
import { lees } from '../acties/payload';
import { ApiFout, api, foutmelding, nederlands } from '../api/http';
import type { InburgeraarView } from '../api/typen';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';
import { kortId } from '../componenten/PersoonNaam';
import { Fout, Gelukt, Laden } from '../componenten/Status';
import { datum } from '../opmaak/datum';
import { FASE, label } from '../opmaak/labels';
import { isBekendeTaal, taalNaam } from '../opmaak/talen';
import { ANDERE_TAAL, alsCorrectie } from '../persoon/formulier';
import { ContactVelden, NaamVelden, TaalVeld, TolkVeld } from '../persoon/PersoonVelden';

const sleutel = (id: string) => ['inburgeraar', id] as const;

/**
 * The person (GET /inburgeraars/:id): their data, children, household and trajecten, and corrections of
 * name, language and contact. Every opening is a row in the processing log; the data is not kept in the
 * browser's cache after the page closes, and the BSN stays hidden until asked for.
 */
export function Inburgeraar() {
  const { id = '' } = useParams();
  const persoon = useQuery({
    queryKey: sleutel(id),
    queryFn: ({ signal }) => api<InburgeraarView>(`/api/v1/inburgeraars/${id}`, { signal }),
    gcTime: 0,
    staleTime: 0,
  });
  const [melding, setMelding] = useState<string | null>(null);

  if (persoon.isPending) return <Laden wat="De persoonsgegevens" />;
  if (persoon.error) {
    const status = persoon.error instanceof ApiFout ? persoon.error.status : 0;
    if (status === 410) {
      return (
        <Pagina titel="Gegevens vernietigd">
          <Alert type="info" role="status" data-testid="vernietigd">
            <Paragraph>
              De persoonsgegevens van deze inburgeraar zijn <strong>vernietigd na de bewaartermijn</strong>.
            </Paragraph>
            <Paragraph>
              De sleutel waarmee ze versleuteld waren, is verwijderd: niemand kan ze nog lezen, ook niet in de
              procesgeschiedenis. De anonieme cijfers (fase, datums, rapportages) blijven bestaan.
            </Paragraph>
          </Alert>
          <Paragraph>
            <Koppeling to="/">Terug naar de lijst</Koppeling>
          </Paragraph>
        </Pagina>
      );
    }
    return (
      <Pagina titel={status === 404 ? 'Inburgeraar niet gevonden' : 'Persoonsgegevens niet beschikbaar'}>
        <Fout fout={persoon.error} />
        <Paragraph>
          <Koppeling to="/">Terug naar de lijst</Koppeling>
        </Paragraph>
      </Pagina>
    );
  }
  const p = persoon.data;
  return (
    // The document title keeps the short id: a name would end up in the browser's history and tab list.
    <Pagina titel={`Inburgeraar ${kortId(p.id)}`} kop={p.naam}>
      {melding ? <Gelukt>{melding}</Gelukt> : null}
      <Gegevens persoon={p} />
      <Kinderen persoon={p} />
      <Huishouden persoon={p} />
      <Trajecten persoon={p} />
      <Correctie key={p.versie} persoon={p} bijGelukt={setMelding} />
    </Pagina>
  );
}

function Gegevens({ persoon: p }: { persoon: InburgeraarView }) {
  const [toon, setToon] = useState(false);
  const verborgen = (
    <>
      <span aria-hidden="true">•••••••••</span>
      <span className="visueel-verborgen">verborgen</span>
    </>
  );
  return (
    <section aria-labelledby="gegevens-kop">
      <Heading2 id="gegevens-kop">Persoonsgegevens</Heading2>
      <DataList className="kerngegevens persoonsgegevens">
        <DataListItem>
          <DataListKey>Naam</DataListKey>
          <DataListValue>{p.naam}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>BSN</DataListKey>
          <DataListValue>
            <span className="mono" data-testid="bsn" id="bsn-waarde">
              {toon ? p.bsn : verborgen}
            </span>{' '}
            <Button
              appearance="subtle-button"
              type="button"
              aria-controls="bsn-waarde bsn-vnummer"
              onClick={() => setToon((t) => !t)}
            >
              {toon ? 'Verberg BSN' : 'Toon BSN'}
            </Button>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>V-nummer</DataListKey>
          <DataListValue>
            <span className="mono" data-testid="vnummer" id="bsn-vnummer">
              {p.vnummer ? (toon ? p.vnummer : verborgen) : '—'}
            </span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Geboortedatum</DataListKey>
          <DataListValue>{datum(p.geboortedatum)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Taal</DataListKey>
          <DataListValue>{taalNaam(p.taal)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Tolk nodig</DataListKey>
          <DataListValue>{p.tolkNodig ? 'Ja' : 'Nee'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Telefoonnummer</DataListKey>
          <DataListValue>{p.telefoon ?? '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>E-mailadres</DataListKey>
          <DataListValue>{p.email ?? '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Inburgeraar-id</DataListKey>
          <DataListValue>
            <span className="mono" data-testid="inburgeraar-id">
              {p.id}
            </span>
          </DataListValue>
        </DataListItem>
      </DataList>
      <Paragraph className="bijschrift">
        Het inburgeraar-id is geen persoonsgegeven: de privacyfunctionaris zoekt er een inzageverzoek mee op.
      </Paragraph>
    </section>
  );
}

function Kinderen({ persoon: p }: { persoon: InburgeraarView }) {
  return (
    <section aria-labelledby="kinderen-kop">
      <Heading2 id="kinderen-kop">Kinderen</Heading2>
      {p.kinderen.length === 0 ? (
        <Paragraph>Geen kinderen geregistreerd.</Paragraph>
      ) : (
        <Table className="tabel">
          <TableCaption>Kinderen in het huishouden</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Voornamen</TableHeaderCell>
              <TableHeaderCell scope="col">Geboortedatum</TableHeaderCell>
              <TableHeaderCell scope="col">Wordt 18 op</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {p.kinderen.map((k) => (
              <TableRow key={k.kindId}>
                <TableCell>{k.voornamen ?? '—'}</TableCell>
                <TableCell>{datum(k.geboortedatum)}</TableCell>
                <TableCell>
                  {/* The age of the duty is the rulebook's (Wi2021 art. 3), as the T9 signal counts it. */}
                  {datum(addMonths(k.geboortedatum, 12 * geldend(WET.plichtLeeftijd, k.geboortedatum)))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function Huishouden({ persoon: p }: { persoon: InburgeraarView }) {
  return (
    <section aria-labelledby="huishouden-kop">
      <Heading2 id="huishouden-kop">Huishouden</Heading2>
      {p.huishouden.length === 0 ? (
        <Paragraph>Geen andere inburgeraars in dit huishouden.</Paragraph>
      ) : (
        <>
          <Paragraph>
            Gekoppeld aan dit huishouden (partner, nareizigers). Ieder heeft een eigen traject; u ziet hun
            gegevens alleen als u bij hun traject hoort.
          </Paragraph>
          <UnorderedList data-testid="huishouden">
            {p.huishouden.map((h) => (
              <UnorderedListItem key={h.id}>
                <Koppeling to={`/inburgeraars/${h.id}`}>Inburgeraar {kortId(h.id)}</Koppeling>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </section>
  );
}

function Trajecten({ persoon: p }: { persoon: InburgeraarView }) {
  return (
    <section aria-labelledby="trajecten-kop">
      <Heading2 id="trajecten-kop">Trajecten</Heading2>
      {p.trajecten.length === 0 ? (
        <Paragraph>Geen trajecten in uw gemeente.</Paragraph>
      ) : (
        <Table className="tabel">
          <TableCaption>Trajecten van deze inburgeraar in uw gemeente</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Traject</TableHeaderCell>
              <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
              <TableHeaderCell scope="col">Fase</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {p.trajecten.map((t) => (
              <TableRow key={t.trajectId}>
                <TableCell>
                  <Koppeling to={`/trajecten/${t.trajectId}`}>Traject {kortId(t.trajectId)}</Koppeling>
                </TableCell>
                <TableCell>{t.gemeente}</TableCell>
                <TableCell>
                  {label(FASE, t.fase, 'aangemeld')}
                  {t.afgesloten ? ' (afgesloten)' : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

const CORRECTIE_LABELS: [string, string][] = [
  ['voornamen', 'Voornamen'],
  ['voorvoegsel', 'Voorvoegsel'],
  ['achternaam', 'Achternaam'],
  ['taal', 'Taal'],
  ['tolkNodig', 'Tolk nodig'],
  ['telefoon', 'Telefoonnummer'],
  ['email', 'E-mailadres'],
];

function beginwaarden(p: InburgeraarView): FieldValues {
  const bekend = isBekendeTaal(p.taal);
  return {
    voornamen: p.voornamen,
    voorvoegsel: p.voorvoegsel ?? '',
    achternaam: p.achternaam,
    taal: p.taal ? (bekend ? p.taal : ANDERE_TAAL) : '',
    taalAnders: p.taal && !bekend ? p.taal : '',
    tolkNodig: p.tolkNodig ? 'ja' : 'nee',
    telefoon: p.telefoon ?? '',
    email: p.email ?? '',
  };
}

/** PATCH /inburgeraars/:id with only what changed; old and new values are kept (encrypted) by the API. */
function Correctie({ persoon: p, bijGelukt }: { persoon: InburgeraarView; bijGelukt: (m: string) => void }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [melding, setMelding] = useState<string | null>(null);
  const meldingRef = useRef<HTMLDivElement>(null);
  const resolver = useMemo<Resolver<FieldValues>>(
    () =>
      zodResolver(
        z.preprocess(
          (w) => alsCorrectie((w ?? {}) as Record<string, unknown>, p),
          persoonCorrectieSchema,
        ) as never,
      ) as unknown as Resolver<FieldValues>,
    [p],
  );
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    setFocus,
    formState: { errors },
  } = useForm<FieldValues>({ resolver, defaultValues: beginwaarden(p) });
  useEffect(() => {
    if (open) setFocus('voornamen');
  }, [open, setFocus]);
  const fout = (pad: string): string | undefined => {
    const e = lees(errors as Record<string, unknown>, pad) as { message?: unknown } | undefined;
    return typeof e?.message === 'string' ? e.message : undefined;
  };
  const toonMelding = (m: string) => {
    setMelding(m);
    requestAnimationFrame(() => meldingRef.current?.focus());
  };

  const corrigeer = useMutation({
    mutationFn: (body: FieldValues) =>
      api<InburgeraarView>(`/api/v1/inburgeraars/${p.id}`, { methode: 'PATCH', body }),
    onSuccess: (nieuw, body) => {
      queryClient.setQueryData(sleutel(p.id), nieuw);
      // Lists and the dossier show the name: they ask again.
      void queryClient.invalidateQueries({ queryKey: ['trajecten'] });
      void queryClient.invalidateQueries({ queryKey: ['traject'] });
      void queryClient.invalidateQueries({ queryKey: ['taken'] });
      const velden = CORRECTIE_LABELS.filter(([v]) => v in body).map(([, l]) => l.toLowerCase());
      bijGelukt(`Gecorrigeerd: ${velden.join(', ')}. De oude waarden blijven versleuteld bewaard.`);
    },
    onError: (err) => {
      if (err instanceof ApiFout) {
        for (const f of err.veldFouten) setError(f.veld, { type: 'server', message: nederlands(f.melding) });
        if (err.probleem.code === 'GELIJKTIJDIG_GEWIJZIGD') {
          void queryClient.invalidateQueries({ queryKey: sleutel(p.id) });
        }
        if (err.veldFouten.length === 0 || err.status === 409) toonMelding(foutmelding(err));
      } else toonMelding(foutmelding(err));
    },
  });

  const verstuur = (body: FieldValues) => {
    if (Object.keys(body).length === 0) {
      toonMelding('Er is niets gewijzigd.');
      return;
    }
    setMelding(null);
    corrigeer.mutate(body);
  };

  return (
    <section aria-labelledby="correctie-kop" className="correctie">
      <Heading2 id="correctie-kop">Gegevens corrigeren</Heading2>
      <Paragraph>
        Naam, taal, tolk en contactgegevens kunt u hier corrigeren. BSN en geboortedatum komen uit de BRP en
        wijzigt u hier niet. Elke correctie wordt met oude en nieuwe waarde vastgelegd.
      </Paragraph>
      {open ? null : (
        <Button
          appearance="secondary-action-button"
          type="button"
          aria-expanded={false}
          aria-controls="correctie-formulier"
          onClick={() => setOpen(true)}
        >
          Gegevens corrigeren
        </Button>
      )}
      <div id="correctie-formulier" hidden={!open}>
        {open ? (
          <>
            <div ref={meldingRef} tabIndex={-1} className="melding-anker">
              {melding ? (
                <Alert type="error" role="alert">
                  <Paragraph>
                    <strong>Niet gecorrigeerd: </strong>
                    {melding}
                  </Paragraph>
                </Alert>
              ) : null}
            </div>
            <form
              onSubmit={handleSubmit(verstuur)}
              noValidate
              className="formulier"
              aria-labelledby="correctie-kop"
            >
              <NaamVelden pad="" register={register} fout={fout} />
              <TaalVeld pad="" register={register} fout={fout} control={control} />
              <TolkVeld pad="" register={register} fout={fout} />
              <ContactVelden pad="" register={register} fout={fout} />
              <ButtonGroup>
                <Button
                  appearance="primary-action-button"
                  type="submit"
                  busy={corrigeer.isPending}
                  disabled={corrigeer.isPending}
                >
                  Correctie opslaan
                </Button>
                <Button
                  appearance="subtle-button"
                  type="button"
                  onClick={() => {
                    reset(beginwaarden(p));
                    setMelding(null);
                    setOpen(false);
                  }}
                >
                  Annuleren
                </Button>
              </ButtonGroup>
            </form>
          </>
        ) : null}
      </div>
    </section>
  );
}
