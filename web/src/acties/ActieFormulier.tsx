import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useMemo, useRef, useState } from 'react';
import { type FieldErrors, type FieldValues, type Resolver, useForm, useWatch } from 'react-hook-form';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { COMMANDO_ROUTES, type CommandoRoute, isCommandoRoute } from '../../../api/trajecten/commandos.dto';
import { ApiFout, api, foutmelding, nederlands } from '../api/http';
import { trajectSleutels } from '../api/traject';
import type { CommandoResultaat, ProefView } from '../api/typen';
import { useGebruiker } from '../auth/sessie';
import { Koppeling } from '../componenten/Koppeling';
import { Groep, Veld } from '../componenten/Veld';
import { useDossier } from '../schermen/dossier/context';
import { FORMULIEREN, metDossierOpties, type VeldSpec } from './formulieren';
import { ProefResultaat } from './ProefResultaat';
import { formulierSchema, lees, zichtbareVelden } from './payload';
import { ACTIE_TITEL } from './titels';

const veldId = (naam: string) => `veld-${naam.replace(/\./g, '-')}`;

function foutVan(errors: FieldErrors, naam: string): string | undefined {
  const e = lees(errors as Record<string, unknown>, naam) as { message?: unknown } | undefined;
  return typeof e?.message === 'string' ? e.message : undefined;
}

function isLeeg(w: unknown): boolean {
  return w === undefined || w === null || w === '' || w === false || (Array.isArray(w) && w.length === 0);
}

/** Problems that belong above the form: the rulebook (409/422) and "try again" (503, no connection). */
type Melding =
  | { soort: 'domein'; tekst: string }
  | { soort: 'opnieuw'; tekst: string }
  | { soort: 'fout'; tekst: string };

export function ActieFormulier() {
  const { commando = '' } = useParams();
  const { id } = useDossier();
  if (!isCommandoRoute(commando)) {
    return (
      <Paragraph>
        Onbekende actie. <Koppeling to={`/trajecten/${id}`}>Terug naar het dossier</Koppeling>
      </Paragraph>
    );
  }
  // A new form (and a new commandId) per command and traject.
  return <Formulier key={`${id}:${commando}`} id={id} route={commando} />;
}

function Formulier({ id, route }: { id: string; route: CommandoRoute }) {
  const { traject } = useDossier();
  const routeStappen = traject.status?.route;
  const spec = useMemo(() => metDossierOpties(FORMULIEREN[route], routeStappen), [route, routeStappen]);
  const [zoekparameters] = useSearchParams();
  const gebruiker = useGebruiker();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Made once when the form opens: a double click, a retry after a 503 or a resend applies once.
  const [commandId] = useState(() => `ui-${crypto.randomUUID()}`);
  const [melding, setMelding] = useState<Melding | null>(null);
  const [proef, setProef] = useState<ProefView | null>(null);
  const laatstePayload = useRef<Record<string, unknown> | null>(null);
  const meldingRef = useRef<HTMLDivElement>(null);

  const resolver = useMemo<Resolver<FieldValues>>(() => {
    const zod = zodResolver(formulierSchema(COMMANDO_ROUTES[route].schema, spec.velden, commandId) as never);
    return async (waarden, ctx, opties) => {
      const leeg = zichtbareVelden(spec.velden, waarden).filter(
        (v) => v.verplicht && isLeeg(lees(waarden, v.naam)),
      );
      if (leeg.length > 0) {
        return {
          values: {},
          errors: Object.fromEntries(
            leeg.map((v) => [
              v.naam,
              { type: 'required', message: v.verplichtMelding ?? `Vul in: ${v.label.toLowerCase()}` },
            ]),
          ),
        };
      }
      return (zod as unknown as Resolver<FieldValues>)(waarden, ctx, opties);
    };
  }, [route, spec, commandId]);

  const standaard = Object.fromEntries(
    spec.velden.map((v) => [
      v.naam,
      v.uitZoekparameter && zoekparameters.get(v.uitZoekparameter)
        ? zoekparameters.get(v.uitZoekparameter)
        : v.standaard === 'ik'
          ? (gebruiker?.medewerker ?? '')
          : v.soort === 'meerkeuze'
            ? []
            : v.soort === 'vinkje'
              ? false
              : '',
    ]),
  );
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    control,
    formState: { errors, isSubmitted },
  } = useForm<FieldValues>({ resolver, defaultValues: standaard, shouldFocusError: true });
  const waarden = useWatch({ control }) as Record<string, unknown>;
  const zichtbaar = new Set(zichtbareVelden(spec.velden, waarden).map((v) => v.naam));

  const toonMelding = (m: Melding) => {
    setMelding(m);
    requestAnimationFrame(() => meldingRef.current?.focus());
  };

  /** Field errors from the API at their field; the rest (and the rulebook's message) above the form. */
  const verwerkFout = (err: unknown) => {
    if (!(err instanceof ApiFout)) {
      toonMelding({ soort: 'fout', tekst: foutmelding(err) });
      return;
    }
    if (err.status === 0 || err.status === 503) {
      toonMelding({
        soort: 'opnieuw',
        tekst: `${foutmelding(err)} Uw invoer is bewaard.`,
      });
      return;
    }
    let eersteVeld: string | null = null;
    for (const f of err.veldFouten) {
      if (spec.velden.some((v) => v.naam === f.veld)) {
        setError(f.veld, { type: 'server', message: err.status >= 409 ? nederlands(f.melding) : f.melding });
        eersteVeld ??= f.veld;
      }
    }
    if (err.status === 409 || err.status === 422) {
      toonMelding({ soort: 'domein', tekst: nederlands(err.probleem.detail) });
    } else if (eersteVeld) {
      setFocus(eersteVeld);
    } else {
      toonMelding({ soort: 'fout', tekst: foutmelding(err) });
    }
  };

  const vastleggen = useMutation({
    mutationFn: (payload: Record<string, unknown>) =>
      api<CommandoResultaat>(`/api/v1/trajecten/${id}/${route}`, { methode: 'POST', body: payload }),
    onSuccess: async (resultaat) => {
      await queryClient.invalidateQueries({ queryKey: trajectSleutels.alles(id) });
      void queryClient.invalidateQueries({ queryKey: ['trajecten'] });
      void queryClient.invalidateQueries({ queryKey: ['taken'] });
      const wat = resultaat.toegepast ? 'vastgelegd' : 'was al vastgelegd (niets gewijzigd)';
      void navigate(`/trajecten/${id}`, { state: { melding: `${ACTIE_TITEL[route]}: ${wat}.` } });
    },
    onError: verwerkFout,
  });

  const proefberekening = useMutation({
    mutationFn: (payload: Record<string, unknown>) =>
      api<ProefView>(`/api/v1/trajecten/${id}/${route}?proef=true`, { methode: 'POST', body: payload }),
    onSuccess: (p) => setProef(p),
    onError: (err) => {
      setProef(null);
      verwerkFout(err);
    },
  });

  const verstuur = (payload: FieldValues) => {
    laatstePayload.current = payload;
    setMelding(null);
    vastleggen.mutate(payload);
  };
  const reken = (payload: FieldValues) => {
    setMelding(null);
    proefberekening.mutate(payload);
  };
  const foutLijst = spec.velden.flatMap((v) => {
    if (!zichtbaar.has(v.naam)) return [];
    const f = foutVan(errors, v.naam);
    return f ? [{ v, f }] : [];
  });
  const bezig = vastleggen.isPending;

  return (
    <section aria-labelledby="actie-kop" className="actie">
      <Heading2 id="actie-kop">{ACTIE_TITEL[route]}</Heading2>
      {spec.uitleg ? <Paragraph>{spec.uitleg}</Paragraph> : null}
      <div ref={meldingRef} tabIndex={-1} className="melding-anker">
        {melding ? (
          <Alert type={melding.soort === 'opnieuw' ? 'warning' : 'error'} role="alert">
            <Paragraph>
              {melding.soort === 'domein' ? <strong>Niet vastgelegd: </strong> : null}
              {melding.tekst}
            </Paragraph>
            {melding.soort === 'opnieuw' && laatstePayload.current ? (
              <Button
                appearance="secondary-action-button"
                type="button"
                onClick={() => laatstePayload.current && verstuur(laatstePayload.current)}
              >
                Probeer opnieuw
              </Button>
            ) : null}
          </Alert>
        ) : null}
      </div>
      {isSubmitted && foutLijst.length > 0 ? (
        <Alert type="error">
          <Paragraph>Controleer {foutLijst.length === 1 ? 'dit veld' : 'deze velden'}:</Paragraph>
          <UnorderedList>
            {foutLijst.map(({ v, f }) => (
              <UnorderedListItem key={v.naam}>
                <a className="utrecht-link" href={`#${veldId(v.naam)}`}>
                  {v.label}: {f}
                </a>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </Alert>
      ) : null}
      <form onSubmit={handleSubmit(verstuur)} noValidate className="formulier" aria-labelledby="actie-kop">
        {spec.velden.map((v) =>
          v.toonAls ? (
            // A field that appears while the user types: announced where it appears.
            <div key={v.naam} aria-live="polite">
              {zichtbaar.has(v.naam) ? (
                <VeldInvoer v={v} fout={foutVan(errors, v.naam)} register={register} />
              ) : null}
            </div>
          ) : (
            <VeldInvoer key={v.naam} v={v} fout={foutVan(errors, v.naam)} register={register} />
          ),
        )}
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" busy={bezig} disabled={bezig}>
            Vastleggen
          </Button>
          <Button
            appearance="secondary-action-button"
            type="button"
            busy={proefberekening.isPending}
            disabled={proefberekening.isPending}
            onClick={handleSubmit(reken)}
          >
            Proefberekening
          </Button>
          <Koppeling to={`/trajecten/${id}`} className="utrecht-button-link utrecht-button-link--subtle">
            Annuleren
          </Koppeling>
        </ButtonGroup>
        <Paragraph className="bijschrift">
          Een proefberekening legt niets vast: u ziet welke deadlines en taken dit zou opleveren.
        </Paragraph>
      </form>
      <div aria-live="polite">{proef ? <ProefResultaat proef={proef} /> : null}</div>
    </section>
  );
}

function VeldInvoer({
  v,
  fout,
  register,
}: {
  v: VeldSpec;
  fout: string | undefined;
  register: ReturnType<typeof useForm<FieldValues>>['register'];
}) {
  const id = veldId(v.naam);
  if (v.soort === 'vinkje') {
    const hintId = v.hint ? `${id}-hint` : undefined;
    const foutId = fout ? `${id}-fout` : undefined;
    return (
      <FormField type="checkbox" invalid={Boolean(fout)} className="veld vinkje">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={id} type="checkbox">
            {v.label}
          </FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Checkbox
            id={id}
            invalid={Boolean(fout)}
            aria-invalid={fout ? true : undefined}
            aria-describedby={[foutId, hintId].filter(Boolean).join(' ') || undefined}
            required={v.verplicht}
            {...register(v.naam)}
          />
        </div>
        {v.hint ? <FormFieldDescription id={hintId}>{v.hint}</FormFieldDescription> : null}
        {fout ? (
          <div className="utrecht-form-field__error-message">
            <FormFieldErrorMessage id={foutId}>{fout}</FormFieldErrorMessage>
          </div>
        ) : null}
      </FormField>
    );
  }
  if (v.soort === 'ja-nee' || v.soort === 'meerkeuze') {
    const opties =
      v.soort === 'ja-nee'
        ? ([
            ['ja', 'Ja'],
            ['nee', 'Nee'],
          ] as const)
        : (v.opties ?? []);
    return (
      <Groep id={id} legenda={v.label} beschrijving={v.hint} fout={fout} verplicht={v.verplicht}>
        {opties.map(([waarde, tekst], i) => {
          const optieId = i === 0 ? `${id}-invoer` : `${id}-${waarde}`;
          return (
            <div key={waarde} className="keuze-optie">
              {v.soort === 'ja-nee' ? (
                <RadioButton id={optieId} value={waarde} invalid={Boolean(fout)} {...register(v.naam)} />
              ) : (
                <Checkbox id={optieId} value={waarde} invalid={Boolean(fout)} {...register(v.naam)} />
              )}
              <FormLabel htmlFor={optieId} type={v.soort === 'ja-nee' ? 'radio' : 'checkbox'}>
                {tekst}
              </FormLabel>
            </div>
          );
        })}
      </Groep>
    );
  }
  return (
    <Veld id={id} label={v.label} beschrijving={v.hint} fout={fout} verplicht={v.verplicht}>
      {(aria) => {
        const { invalid, ...rest } = aria;
        switch (v.soort) {
          case 'keuze':
            return (
              <Select {...rest} invalid={invalid} {...register(v.naam)}>
                <SelectOption value="">— kies —</SelectOption>
                {(v.opties ?? []).map(([waarde, tekst]) => (
                  <SelectOption key={waarde} value={waarde}>
                    {tekst}
                  </SelectOption>
                ))}
              </Select>
            );
          case 'lijst':
          case 'lang':
            return (
              <Textarea {...rest} invalid={invalid} rows={v.soort === 'lang' ? 4 : 3} {...register(v.naam)} />
            );
          case 'datum':
            return <Textbox {...rest} invalid={invalid} type="date" {...register(v.naam)} />;
          case 'getal':
            return (
              <Textbox
                {...rest}
                invalid={invalid}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                {...register(v.naam)}
              />
            );
          default:
            return (
              <Textbox
                {...rest}
                invalid={invalid}
                type="text"
                autoComplete="off"
                spellCheck={false}
                {...register(v.naam)}
              />
            );
        }
      }}
    </Veld>
  );
}
