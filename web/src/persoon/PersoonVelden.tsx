import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  FormLabel,
  RadioButton,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import {
  type Control,
  type FieldValues,
  type UseFormRegister,
  useFieldArray,
  useWatch,
} from 'react-hook-form';
import { Groep, Veld } from '../componenten/Veld';
import { TALEN } from '../opmaak/talen';
import { ANDERE_TAAL } from './formulier';

/**
 * The person's fields, shared by the aanmelding (paths under `inburgeraar.`) and the correction form
 * (paths at the top). Labels and hints only: what a value must be is the API's schema (domain/persoon).
 */
interface Props {
  /** '' or 'inburgeraar.': where the fields sit in the form's values. */
  pad: string;
  register: UseFormRegister<FieldValues>;
  fout: (pad: string) => string | undefined;
}

export const veldId = (pad: string) => `veld-${pad.replace(/^inburgeraar\./, '').replace(/\./g, '-')}`;

function Tekstveld({
  pad,
  naam,
  label,
  hint,
  verplicht,
  register,
  fout,
  type = 'text',
  inputMode,
}: Props & {
  naam: string;
  label: string;
  hint?: string;
  verplicht?: boolean;
  type?: 'text' | 'tel' | 'email' | 'date';
  inputMode?: 'numeric' | 'tel' | 'email';
}) {
  const volledig = `${pad}${naam}`;
  return (
    <Veld id={veldId(volledig)} label={label} beschrijving={hint} fout={fout(volledig)} verplicht={verplicht}>
      {({ invalid, ...aria }) => (
        <Textbox
          {...aria}
          invalid={invalid}
          type={type}
          inputMode={inputMode}
          // Someone else's data: the browser must not offer to remember or fill it in.
          autoComplete="off"
          spellCheck={false}
          {...register(volledig)}
        />
      )}
    </Veld>
  );
}

export function BsnVelden(props: Props) {
  return (
    <>
      <Tekstveld
        {...props}
        naam="bsn"
        label="Burgerservicenummer (BSN)"
        hint="Negen cijfers. Het BSN wordt versleuteld bewaard en komt nooit in een webadres of logregel."
        verplicht
        inputMode="numeric"
      />
      <Tekstveld
        {...props}
        naam="vnummer"
        label="V-nummer"
        hint="Het vreemdelingennummer van IND of COA: tien cijfers."
        inputMode="numeric"
      />
    </>
  );
}

export function NaamVelden(props: Props & { verplicht?: boolean }) {
  return (
    <>
      <Tekstveld {...props} naam="voornamen" label="Voornamen" verplicht={props.verplicht ?? true} />
      <Tekstveld {...props} naam="voorvoegsel" label="Voorvoegsel" hint="Bijvoorbeeld: van der, el." />
      <Tekstveld {...props} naam="achternaam" label="Achternaam" verplicht={props.verplicht ?? true} />
    </>
  );
}

export function GeboortedatumVeld(props: Props) {
  return <Tekstveld {...props} naam="geboortedatum" label="Geboortedatum" verplicht type="date" />;
}

export function TaalVeld({ pad, register, fout, control }: Props & { control: Control<FieldValues> }) {
  const taal = useWatch({ control, name: `${pad}taal` });
  const anders = taal === ANDERE_TAAL;
  const id = veldId(`${pad}taal`);
  return (
    <>
      <Veld
        id={id}
        label="Taal"
        beschrijving="De taal waarin de inburgeraar het best communiceert."
        fout={anders ? undefined : fout(`${pad}taal`)}
      >
        {({ invalid, ...aria }) => (
          <Select {...aria} invalid={invalid} {...register(`${pad}taal`)}>
            <SelectOption value="">— niet opgegeven —</SelectOption>
            {TALEN.map(([code, naam]) => (
              <SelectOption key={code} value={code}>
                {naam}
              </SelectOption>
            ))}
            <SelectOption value={ANDERE_TAAL}>Andere taal (code invullen)</SelectOption>
          </Select>
        )}
      </Veld>
      {anders ? (
        <Veld
          id={`${id}-anders`}
          label="Taalcode"
          beschrijving="De code van twee of drie letters uit ISO 639, bijvoorbeeld om (Oromo) of hy (Armeens)."
          fout={fout(`${pad}taal`)}
          verplicht
        >
          {({ invalid, ...aria }) => (
            <Textbox
              {...aria}
              invalid={invalid}
              autoComplete="off"
              spellCheck={false}
              {...register(`${pad}taalAnders`)}
            />
          )}
        </Veld>
      ) : null}
    </>
  );
}

export function TolkVeld({ pad, register, fout }: Props) {
  const id = veldId(`${pad}tolkNodig`);
  return (
    <Groep id={id} legenda="Tolk nodig" fout={fout(`${pad}tolkNodig`)}>
      {(
        [
          ['ja', 'Ja'],
          ['nee', 'Nee'],
        ] as const
      ).map(([waarde, tekst], i) => {
        const optieId = i === 0 ? `${id}-invoer` : `${id}-${waarde}`;
        return (
          <div key={waarde} className="keuze-optie">
            <RadioButton id={optieId} value={waarde} {...register(`${pad}tolkNodig`)} />
            <FormLabel htmlFor={optieId} type="radio">
              {tekst}
            </FormLabel>
          </div>
        );
      })}
    </Groep>
  );
}

export function ContactVelden(props: Props) {
  return (
    <>
      <Tekstveld
        {...props}
        naam="telefoon"
        label="Telefoonnummer"
        hint="Bijvoorbeeld +31 70 123 4567."
        type="tel"
        inputMode="tel"
      />
      <Tekstveld {...props} naam="email" label="E-mailadres" type="email" inputMode="email" />
    </>
  );
}

/** Children in the household: their birthdays feed the 18th-birthday signal (T9); names are optional. */
export function KinderenVelden({ pad, register, fout, control }: Props & { control: Control<FieldValues> }) {
  const { fields, append, remove } = useFieldArray({ control, name: `${pad}kinderen` });
  return (
    <Fieldset className="veld kinderen" aria-describedby="kinderen-hint">
      <FieldsetLegend>
        Kinderen in het huishouden<span className="optioneel"> (niet verplicht)</span>
      </FieldsetLegend>
      <FormFieldDescription id="kinderen-hint">
        Met hun geboortedatum signaleert het systeem een half jaar vóór hun 18e verjaardag dat zij zelf
        inburgeringsplichtig kunnen worden.
      </FormFieldDescription>
      {fields.map((veld, i) => (
        <Fieldset key={veld.id} className="kind">
          <FieldsetLegend>Kind {i + 1}</FieldsetLegend>
          <Tekstveld
            pad={`${pad}kinderen.${i}.`}
            register={register}
            fout={fout}
            naam="voornamen"
            label={`Voornamen van kind ${i + 1}`}
          />
          <Tekstveld
            pad={`${pad}kinderen.${i}.`}
            register={register}
            fout={fout}
            naam="geboortedatum"
            label={`Geboortedatum van kind ${i + 1}`}
            type="date"
            verplicht
          />
          <Button appearance="subtle-button" type="button" onClick={() => remove(i)}>
            Kind {i + 1} verwijderen
          </Button>
        </Fieldset>
      ))}
      <Button
        appearance="secondary-action-button"
        type="button"
        onClick={() => append({ voornamen: '', geboortedatum: '' })}
      >
        Kind toevoegen
      </Button>
    </Fieldset>
  );
}
