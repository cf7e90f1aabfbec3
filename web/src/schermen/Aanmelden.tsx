import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
  RadioButton,
  Textbox,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { type FieldValues, type Resolver, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { aanmeldingSchema } from '../../../api/trajecten/aanmelding.dto';
import { DOELGROEPEN } from '../../../domain/traject/codes';
import { ApiFout, api, foutmelding, nederlands } from '../api/http';
import type { TrajectView } from '../api/typen';
import { useGebruiker } from '../auth/sessie';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';
import { Groep, Veld } from '../componenten/Veld';
import { DOELGROEP } from '../opmaak/labels';

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

/** Empty optional dates are "not given"; the rest is the API's own aanmelding schema. */
function schemaVoor(gemeente: string, commandId: string) {
  return z.preprocess((w) => {
    const waarden = (w ?? {}) as Record<string, string>;
    const body: Record<string, string> = { commandId, gemeente };
    for (const [k, v] of Object.entries(waarden)) {
      if (k !== 'toewijzen' && typeof v === 'string' && v !== '') body[k] = v;
    }
    return body;
  }, aanmeldingSchema);
}

export function Aanmelden() {
  const gebruiker = useGebruiker();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const gemeente = gebruiker?.gemeente ?? '';
  const [commandId] = useState(() => `ui-${crypto.randomUUID()}`);
  const [melding, setMelding] = useState<string | null>(null);
  const [toewijzen, setToewijzen] = useState(gebruiker?.rol === 'casemanager');
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<FieldValues>({
    resolver: zodResolver(schemaVoor(gemeente, commandId) as never) as unknown as Resolver<FieldValues>,
    defaultValues: {
      doelgroep: '',
      kennisgevingsdatum: '',
      koppelingsdatum: '',
      brpDatum: '',
      huisvestingsdatum: '',
    },
  });

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
      void navigate(`/trajecten/${traject.id}`, { state: { melding: 'Het traject is aangemeld.' } });
    },
    onError: (err) => {
      if (err instanceof ApiFout) {
        for (const f of err.veldFouten) setError(f.veld, { type: 'server', message: nederlands(f.melding) });
        setMelding(
          err.status === 409 || err.status === 422 ? nederlands(err.probleem.detail) : foutmelding(err),
        );
      } else setMelding(foutmelding(err));
    },
  });

  const fout = (naam: string) => {
    const m = errors[naam]?.message;
    return typeof m === 'string' ? m : undefined;
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
      {melding ? (
        <Alert type="error" role="alert">
          <Paragraph>
            <strong>Niet aangemeld: </strong>
            {melding}
          </Paragraph>
        </Alert>
      ) : null}
      <form onSubmit={handleSubmit((b) => aanmelden.mutate(b))} noValidate className="formulier">
        <fieldset
          className="persoon-plaats utrecht-form-fieldset__fieldset"
          aria-describedby="persoon-uitleg"
        >
          <legend className="utrecht-form-fieldset__legend">Persoon</legend>
          {/* ▶ PLAATS VOOR DE PERSOONSGEGEVENS (persoonsregister) ◀ naam, BSN (versleuteld), geboortedatum. */}
          <Paragraph id="persoon-uitleg">
            Naam en BSN worden hier vastgelegd zodra het persoonsregister er is. Tot dan herkent u het traject
            aan zijn korte id.
          </Paragraph>
        </fieldset>
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
