import {
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

export interface InvoerAria {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  invalid?: boolean;
  required?: boolean;
}

interface Props {
  id: string;
  label: ReactNode;
  beschrijving?: ReactNode;
  fout?: string;
  verplicht?: boolean;
  children: (aria: InvoerAria) => ReactNode;
}

/** Label, hint and the error at the field (NL Design System FormField), wired with aria-describedby. */
export function Veld({ id, label, beschrijving, fout, verplicht, children }: Props) {
  const beschrijvingId = beschrijving ? `${id}-hint` : undefined;
  const foutId = fout ? `${id}-fout` : undefined;
  const beschreven = [foutId, beschrijvingId].filter(Boolean).join(' ') || undefined;
  return (
    <FormField invalid={Boolean(fout)} className="veld">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {label}
          {verplicht ? null : <span className="optioneel"> (niet verplicht)</span>}
        </FormLabel>
      </div>
      {beschrijving ? <FormFieldDescription id={beschrijvingId}>{beschrijving}</FormFieldDescription> : null}
      {fout ? <FormFieldErrorMessage id={foutId}>{fout}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">
        {children({
          id,
          'aria-describedby': beschreven,
          'aria-invalid': fout ? true : undefined,
          invalid: Boolean(fout),
          required: verplicht,
        })}
      </div>
    </FormField>
  );
}

/** A group of radio buttons or checkboxes: a fieldset with a legend, the error inside it. */
export function Groep({
  id,
  legenda,
  beschrijving,
  fout,
  verplicht,
  children,
}: {
  id: string;
  legenda: ReactNode;
  beschrijving?: ReactNode;
  fout?: string;
  verplicht?: boolean;
  children: ReactNode;
}) {
  const beschrijvingId = beschrijving ? `${id}-hint` : undefined;
  const foutId = fout ? `${id}-fout` : undefined;
  return (
    <Fieldset
      id={id}
      invalid={Boolean(fout)}
      aria-describedby={[foutId, beschrijvingId].filter(Boolean).join(' ') || undefined}
      className="veld"
    >
      <FieldsetLegend>
        {legenda}
        {verplicht ? null : <span className="optioneel"> (niet verplicht)</span>}
      </FieldsetLegend>
      {beschrijving ? <FormFieldDescription id={beschrijvingId}>{beschrijving}</FormFieldDescription> : null}
      {fout ? <FormFieldErrorMessage id={foutId}>{fout}</FormFieldErrorMessage> : null}
      {children}
    </Fieldset>
  );
}
