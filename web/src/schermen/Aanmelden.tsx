import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  RadioButton,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useMemo, useRef, useState } from 'react';
import { type FieldErrors, type FieldValues, type Resolver, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { aanmeldingSchema } from '../../../api/trajecten/aanmelding.dto';
import { DOELGROEPEN } from '../../../domain/traject/codes';
import { lees } from '../acties/payload';
import { ApiFout, api, foutmelding, nederlands } from '../api/http';
import type { InburgeraarView, TrajectView } from '../api/typen';
import { useGebruiker } from '../auth/sessie';
import { BsnZoeken } from '../componenten/BsnZoeken';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';
import { Groep, Veld } from '../componenten/Veld';
import { datum } from '../opmaak/datum';
import { DOELGROEP } from '../opmaak/labels';
import { alsInburgeraar, LEGE_PERSOON } from '../persoon/formulier';
import {
  BsnVelden,
  ContactVelden,
  GeboortedatumVeld,
  KinderenVelden,
  NaamVelden,
  TaalVeld,
  TolkVeld,
  veldId,
} from '../persoon/PersoonVelden';

const DATUMS = [
  [
    'kennisgevingsdatum',
    'Datum van de kennisgeving van DUO',
    true,
    'Hier begint de PIP-termijn (of bij de BRP-inschrijving, als die later is).',
  ],
  ['koppelingsdatum', 'Datum van de koppeling door het COA', false, 'Alleen voor asielstatushouders.'],
  ['brpDatum', 'Datum van inschrijving in de BRP', false, undefined],
  ['huisvestingsdatum', 'Datum van huisvesting in de gemeente', false, undefined],
] as const;

/** Field paths with the label the error summary shows, in the form's order (children come between). */
const LABELS_PERSOON: [string, string][] = [
  ['inburgeraarId', 'Bestaande inburgeraar'],
  ['inburgeraar.bsn', 'Burgerservicenummer (BSN)'],
  ['inburgeraar.vnummer', 'V-nummer'],
  ['inburgeraar.voornamen', 'Voornamen'],
  ['inburgeraar.voorvoegsel', 'Voorvoegsel'],
  ['inburgeraar.achternaam', 'Achternaam'],
  ['inburgeraar.geboortedatum', 'Geboortedatum'],
  ['inburgeraar.taal', 'Taal'],
  ['inburgeraar.tolkNodig', 'Tolk nodig'],
  ['inburgeraar.telefoon', 'Telefoonnummer'],
  ['inburgeraar.email', 'E-mailadres'],
];
const LABELS_TRAJECT: [string, string][] = [
  ['inburgeraar.huishoudenMet', 'Huishouden'],
  ['doelgroep', 'Doelgroep'],
  ...DATUMS.map(([naam, label]) => [naam, label] as [string, string]),
];

type Keuze = 'nieuw' | 'bestaand';
interface Gekozen {
  id: string;
  naam: string;
  geboortedatum: string;
}
const alsGekozen = (p: InburgeraarView): Gekozen => ({
  id: p.id,
  naam: p.naam,
  geboortedatum: p.geboortedatum,
});

/** Where a field's error links to (the radio group's first option, a child's field, the BSN search). */
function ankerVan(pad: string): string {
  if (pad === 'doelgroep') return 'veld-doelgroep-invoer';
  if (pad === 'inburgeraarId') return 'zoek-inburgeraar';
  if (pad === 'inburgeraar.huishoudenMet') return 'zoek-huishouden';
  if (pad === 'inburgeraar.tolkNodig') return 'veld-tolkNodig-invoer';
  if (pad.startsWith('inburgeraar.')) return veldId(pad);
  return `veld-${pad}`;
}

/**
 * The API's own aanmelding schema (which holds inburgeraarSchema), fed with the form's values: empty
 * optional dates are "not given", the person is a new one's data or the id of the one picked.
 */
function schemaVoor(
  gemeente: string,
  commandId: string,
  keuze: () => { keuze: Keuze; gekozen: Gekozen | null; huishouden: Gekozen | null },
) {
  return z.preprocess((w) => {
    const waarden = (w ?? {}) as Record<string, unknown>;
    const body: Record<string, unknown> = { commandId, gemeente };
    for (const k of ['doelgroep', ...DATUMS.map(([naam]) => naam)]) {
      const v = waarden[k];
      if (typeof v === 'string' && v !== '') body[k] = v;
    }
    const k = keuze();
    if (k.keuze === 'nieuw') body.inburgeraar = alsInburgeraar(waarden.inburgeraar, k.huishouden?.id ?? null);
    else if (k.gekozen) body.inburgeraarId = k.gekozen.id;
    return body;
  }, aanmeldingSchema);
}

type Melding = { soort: 'bestaat-al' | 'fout'; tekst: string };

export function Aanmelden() {
  const gebruiker = useGebruiker();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const gemeente = gebruiker?.gemeente ?? '';
  const [commandId] = useState(() => `ui-${crypto.randomUUID()}`);
  const [melding, setMelding] = useState<Melding | null>(null);
  const [toewijzen, setToewijzen] = useState(gebruiker?.rol === 'casemanager');
  const [keuze, setKeuze] = useState<Keuze>('nieuw');
  const [gekozen, setGekozen] = useState<Gekozen | null>(null);
  const [huishouden, setHuishouden] = useState<Gekozen | null>(null);
  // After a 409 the BSN search opens with the BSN that was typed, to show the existing traject.
  const [zoekStart, setZoekStart] = useState<{ bsn: string; n: number } | null>(null);
  const meldingRef = useRef<HTMLDivElement>(null);
  const stand = useRef({ keuze, gekozen, huishouden });
  stand.current = { keuze, gekozen, huishouden };

  const resolver = useMemo<Resolver<FieldValues>>(() => {
    const zod = zodResolver(
      schemaVoor(gemeente, commandId, () => stand.current) as never,
    ) as unknown as Resolver<FieldValues>;
    return async (waarden, ctx, opties) => {
      const uitkomst = await zod(waarden, ctx, opties);
      const { keuze: k, gekozen: g } = stand.current;
      if (k === 'bestaand' && !g) {
        const errors = {
          ...(uitkomst.errors as object),
          inburgeraarId: {
            type: 'required',
            message: 'Zoek de inburgeraar op BSN en kies hem of haar (of kies "Nieuwe inburgeraar").',
          },
        } as FieldErrors;
        return { values: {}, errors };
      }
      return uitkomst;
    };
  }, [gemeente, commandId]);

  const {
    register,
    handleSubmit,
    setError,
    clearErrors,
    getValues,
    setValue,
    control,
    formState: { errors, isSubmitted },
  } = useForm<FieldValues>({
    resolver,
    defaultValues: {
      doelgroep: '',
      kennisgevingsdatum: '',
      koppelingsdatum: '',
      brpDatum: '',
      huisvestingsdatum: '',
      inburgeraar: LEGE_PERSOON,
    },
  });

  const toonMelding = (m: Melding) => {
    setMelding(m);
    requestAnimationFrame(() => meldingRef.current?.focus());
  };

  const aanmelden = useMutation({
    mutationFn: async (body: FieldValues) => {
      const traject = await api<TrajectView>('/api/v1/trajecten', { methode: 'POST', body });
      if (toewijzen && gebruiker) {
        await api(`/api/v1/trajecten/${traject.id}/casemanager`, {
          methode: 'POST',
          body: { commandId: `${commandId}.casemanager`, casemanager: gebruiker.medewerker },
        });
      }
      return traject;
    },
    onSuccess: (traject) => {
      void queryClient.invalidateQueries({ queryKey: ['trajecten'] });
      void queryClient.invalidateQueries({ queryKey: ['taken'] });
      void navigate(`/trajecten/${traject.id}`, { state: { melding: 'Het traject is aangemeld.' } });
    },
    onError: (err) => {
      if (!(err instanceof ApiFout)) {
        toonMelding({ soort: 'fout', tekst: foutmelding(err) });
        return;
      }
      for (const f of err.veldFouten) setError(f.veld, { type: 'server', message: nederlands(f.melding) });
      if (err.probleem.code === 'TRAJECT_BESTAAT_AL') {
        toonMelding({ soort: 'bestaat-al', tekst: nederlands(err.probleem.detail) });
      } else {
        toonMelding({
          soort: 'fout',
          tekst:
            err.status === 409 || err.status === 422 ? nederlands(err.probleem.detail) : foutmelding(err),
        });
      }
    },
  });

  const fout = (pad: string): string | undefined => {
    const e = lees(errors as Record<string, unknown>, pad) as { message?: unknown } | undefined;
    return typeof e?.message === 'string' ? e.message : undefined;
  };
  const foutLijst = foutenMetLabel(errors, fout);

  const kiesKeuze = (nieuw: Keuze) => {
    setKeuze(nieuw);
    setMelding(null);
    clearErrors();
  };
  const zoekBestaand = () => {
    const bsn = String(getValues('inburgeraar.bsn') ?? '');
    setZoekStart((oud) => ({ bsn, n: (oud?.n ?? 0) + 1 }));
    setGekozen(null);
    kiesKeuze('bestaand');
  };

  if (!gemeente) {
    return (
      <Pagina titel="Aanmelden">
        <Paragraph>Aanmelden kan alleen met een rol die bij een gemeente hoort.</Paragraph>
      </Pagina>
    );
  }
  return (
    <Pagina titel="Aanmelden">
      <Paragraph>Een nieuw traject na de kennisgeving van DUO, in gemeente {gemeente}.</Paragraph>
      <div ref={meldingRef} tabIndex={-1} className="melding-anker">
        {melding ? (
          <Alert type="error" role="alert">
            <Paragraph>
              <strong>Niet aangemeld: </strong>
              {melding.tekst}
            </Paragraph>
            {melding.soort === 'bestaat-al' ? (
              <>
                <Paragraph>
                  Iedere inburgeraar heeft per gemeente één lopend traject. Werk in het bestaande traject
                  verder.
                </Paragraph>
                {keuze === 'nieuw' ? (
                  <Button appearance="secondary-action-button" type="button" onClick={zoekBestaand}>
                    Het bestaande traject zoeken op dit BSN
                  </Button>
                ) : null}
              </>
            ) : null}
          </Alert>
        ) : null}
      </div>
      {isSubmitted && foutLijst.length > 0 ? (
        <Alert type="error">
          <Paragraph>Controleer {foutLijst.length === 1 ? 'dit veld' : 'deze velden'}:</Paragraph>
          <UnorderedList>
            {foutLijst.map(({ pad, label, melding: m }) => (
              <UnorderedListItem key={pad}>
                <a className="utrecht-link" href={`#${ankerVan(pad)}`}>
                  {label}: {m}
                </a>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </Alert>
      ) : null}
      <form
        onSubmit={handleSubmit(
          (b) => aanmelden.mutate(b),
          (e) => {
            // The BSN search is not a registered field: focus it by hand when it is the first problem.
            if (e.inburgeraarId && Object.keys(e).length === 1) {
              document.getElementById('zoek-inburgeraar')?.focus();
            }
          },
        )}
        noValidate
        className="formulier"
      >
        <Fieldset className="persoon" aria-describedby="persoon-uitleg">
          <FieldsetLegend className="persoon__legenda">Inburgeraar</FieldsetLegend>
          <FormFieldDescription id="persoon-uitleg">
            Wie u aanmeldt. De persoonsgegevens worden versleuteld bewaard; alleen wie ze nodig heeft, ziet
            ze, en elke inzage wordt vastgelegd.
          </FormFieldDescription>
          <Groep id="veld-persoonkeuze" legenda="Is de inburgeraar al bekend?" verplicht>
            {(
              [
                ['nieuw', 'Nieuwe inburgeraar: gegevens invullen'],
                ['bestaand', 'Bestaande inburgeraar: zoeken op BSN'],
              ] as const
            ).map(([waarde, tekst]) => (
              <div key={waarde} className="keuze-optie">
                <RadioButton
                  id={`persoonkeuze-${waarde}`}
                  name="persoonkeuze"
                  value={waarde}
                  checked={keuze === waarde}
                  onChange={() => kiesKeuze(waarde)}
                />
                <FormLabel htmlFor={`persoonkeuze-${waarde}`} type="radio">
                  {tekst}
                </FormLabel>
              </div>
            ))}
          </Groep>
          {keuze === 'bestaand' ? (
            gekozen ? (
              <div className="gekozen" data-testid="gekozen-inburgeraar">
                <Paragraph>
                  Gekozen: <strong>{gekozen.naam}</strong>, geboren {datum(gekozen.geboortedatum)}.
                </Paragraph>
                <Button appearance="subtle-button" type="button" onClick={() => setGekozen(null)}>
                  Iemand anders kiezen
                </Button>
              </div>
            ) : (
              <BsnZoeken
                key={zoekStart?.n ?? 0}
                id="zoek-inburgeraar"
                verplicht
                label="BSN van de inburgeraar"
                beschrijving="Het BSN gaat alleen naar de server om te zoeken; het komt niet in het webadres."
                gemeente={gemeente}
                kiesTekst="Kies deze inburgeraar"
                openTrajectBlokkeert
                startBsn={zoekStart?.bsn || undefined}
                onKies={(p) => {
                  setGekozen(alsGekozen(p));
                  clearErrors('inburgeraarId');
                }}
                onNietGevonden={(bsn) => {
                  setValue('inburgeraar.bsn', bsn);
                  kiesKeuze('nieuw');
                }}
                fout={fout('inburgeraarId')}
              />
            )
          ) : (
            <>
              <BsnVelden pad="inburgeraar." register={register} fout={fout} />
              <NaamVelden pad="inburgeraar." register={register} fout={fout} />
              <GeboortedatumVeld pad="inburgeraar." register={register} fout={fout} />
              <TaalVeld pad="inburgeraar." register={register} fout={fout} control={control} />
              <TolkVeld pad="inburgeraar." register={register} fout={fout} />
              <ContactVelden pad="inburgeraar." register={register} fout={fout} />
              <KinderenVelden pad="inburgeraar." register={register} fout={fout} control={control} />
              <Fieldset className="veld huishouden" aria-describedby="huishouden-hint">
                <FieldsetLegend>
                  Huishouden<span className="optioneel"> (niet verplicht)</span>
                </FieldsetLegend>
                <FormFieldDescription id="huishouden-hint">
                  Hoort deze persoon bij het huishouden van een inburgeraar die al is aangemeld (partner,
                  nareiziger)? Zoek die op BSN. Ieder houdt een eigen traject; het huishouden koppelt ze.
                </FormFieldDescription>
                {huishouden ? (
                  <div className="gekozen" data-testid="gekozen-huishouden">
                    <Paragraph>
                      Hoort bij het huishouden van <strong>{huishouden.naam}</strong>.
                    </Paragraph>
                    <Button appearance="subtle-button" type="button" onClick={() => setHuishouden(null)}>
                      Koppeling aan het huishouden weghalen
                    </Button>
                  </div>
                ) : (
                  <BsnZoeken
                    id="zoek-huishouden"
                    label="BSN van het gezinslid"
                    gemeente={gemeente}
                    kiesTekst="Koppel aan dit huishouden"
                    onKies={(p) => setHuishouden(alsGekozen(p))}
                  />
                )}
                {fout('inburgeraar.huishoudenMet') ? (
                  <FormFieldErrorMessage>{fout('inburgeraar.huishoudenMet')}</FormFieldErrorMessage>
                ) : null}
              </Fieldset>
            </>
          )}
        </Fieldset>
        <Groep id="veld-doelgroep" legenda="Doelgroep" fout={fout('doelgroep')} verplicht>
          {DOELGROEPEN.map((d, i) => (
            <div key={d} className="keuze-optie">
              <RadioButton
                id={i === 0 ? 'veld-doelgroep-invoer' : `veld-doelgroep-${d}`}
                value={d}
                invalid={Boolean(fout('doelgroep'))}
                {...register('doelgroep')}
              />
              <FormLabel htmlFor={i === 0 ? 'veld-doelgroep-invoer' : `veld-doelgroep-${d}`} type="radio">
                {DOELGROEP[d]}
              </FormLabel>
            </div>
          ))}
        </Groep>
        {DATUMS.map(([naam, label, verplicht, hint]) => (
          <Veld
            key={naam}
            id={`veld-${naam}`}
            label={label}
            beschrijving={hint}
            fout={fout(naam)}
            verplicht={verplicht}
          >
            {({ invalid, ...aria }) => (
              <Textbox {...aria} invalid={invalid} type="date" {...register(naam)} />
            )}
          </Veld>
        ))}
        <FormField type="checkbox" className="veld">
          <Checkbox
            id="veld-toewijzen"
            checked={toewijzen}
            onChange={(e) => setToewijzen(e.target.checked)}
          />
          <FormLabel htmlFor="veld-toewijzen" type="checkbox">
            Mij ({gebruiker?.medewerker}) toewijzen als casemanager
          </FormLabel>
        </FormField>
        <Heading2 className="visueel-verborgen">Versturen</Heading2>
        <ButtonGroup>
          <Button
            appearance="primary-action-button"
            type="submit"
            busy={aanmelden.isPending}
            disabled={aanmelden.isPending}
          >
            Aanmelden
          </Button>
          <Koppeling to="/" className="utrecht-button-link utrecht-button-link--subtle">
            Annuleren
          </Koppeling>
        </ButtonGroup>
      </form>
    </Pagina>
  );
}

/** Every error on the form, in the order of the form, with the field's label. */
function foutenMetLabel(
  errors: FieldErrors,
  fout: (pad: string) => string | undefined,
): { pad: string; label: string; melding: string }[] {
  const uit: { pad: string; label: string; melding: string }[] = [];
  const voeg = (pad: string, label: string) => {
    const m = fout(pad);
    if (m) uit.push({ pad, label, melding: m });
  };
  for (const [pad, label] of LABELS_PERSOON) voeg(pad, label);
  const kinderen = (errors.inburgeraar as { kinderen?: unknown[] } | undefined)?.kinderen ?? [];
  for (let i = 0; i < kinderen.length; i++) {
    voeg(`inburgeraar.kinderen.${i}.voornamen`, `Voornamen van kind ${i + 1}`);
    voeg(`inburgeraar.kinderen.${i}.geboortedatum`, `Geboortedatum van kind ${i + 1}`);
  }
  for (const [pad, label] of LABELS_TRAJECT) voeg(pad, label);
  return uit;
}
