import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Paragraph,
  Textbox,
} from '@utrecht/component-library-react';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { bsnSchema } from '../../../domain/persoon/inburgeraar';
import { api, foutmelding } from '../api/http';
import type { InburgeraarView } from '../api/typen';
import { datum } from '../opmaak/datum';
import { FASE, label } from '../opmaak/labels';
import { Koppeling } from './Koppeling';
import { kortId } from './PersoonNaam';
import { Veld } from './Veld';

/** What people type: "1234 56 782" or "1234.56.782"; the rule itself is the API's (elfproef). */
export function zonderScheidingstekens(bsn: string): string {
  return bsn.replace(/[\s.-]/g, '');
}

/**
 * "Zoek op BSN": the BSN goes to the API in a POST body (POST /inburgeraars/zoeken), never in a URL, and is
 * not kept after the search. Not a form of its own (it sits inside the aanmelding's form): Enter in the
 * field searches instead of submitting the aanmelding.
 */
export function BsnZoeken({
  id,
  label: veldLabel,
  beschrijving,
  gemeente,
  kiesTekst,
  openTrajectBlokkeert,
  startBsn,
  onKies,
  onNietGevonden,
  fout: buitenFout,
  verplicht = false,
}: {
  id: string;
  label: string;
  beschrijving?: string;
  gemeente: string;
  kiesTekst: string;
  /** For a new traject: a person with an open traject in this gemeente cannot be chosen (the API says 409). */
  openTrajectBlokkeert?: boolean;
  /** Search at once for this BSN (after a 409, to show the existing traject). */
  startBsn?: string;
  onKies: (persoon: InburgeraarView) => void;
  onNietGevonden?: (bsn: string) => void;
  /** An error of the form this search sits in (e.g. "kies eerst iemand"), shown at the field. */
  fout?: string;
  verplicht?: boolean;
}) {
  const [bsn, setBsn] = useState(startBsn ?? '');
  const [fout, setFout] = useState<string | undefined>();
  const zoeken = useMutation({
    mutationFn: (waarde: string) =>
      api<InburgeraarView[]>('/api/v1/inburgeraars/zoeken', { methode: 'POST', body: { bsn: waarde } }),
  });
  const gezocht = useRef<string | null>(null);

  const zoek = (waarde = bsn) => {
    const schoon = zonderScheidingstekens(waarde);
    const check = bsnSchema.safeParse(schoon);
    if (!check.success) {
      setFout(check.error.issues[0]?.message ?? 'bsn is geen geldig burgerservicenummer');
      zoeken.reset();
      return;
    }
    setFout(undefined);
    gezocht.current = schoon;
    zoeken.mutate(schoon);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: searches once, for the BSN the component was opened with
  useEffect(() => {
    if (startBsn) zoek(startBsn);
  }, []);
  const enter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      zoek();
    }
  };
  const gevonden = zoeken.data;
  return (
    <div className="bsn-zoeken">
      <Veld
        id={id}
        label={veldLabel}
        beschrijving={beschrijving}
        fout={fout ?? buitenFout}
        verplicht={verplicht}
      >
        {({ invalid, ...aria }) => (
          <div className="bsn-zoeken__regel">
            <Textbox
              {...aria}
              invalid={invalid}
              value={bsn}
              onChange={(e) => setBsn(e.target.value)}
              onKeyDown={enter}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              className="bsn-invoer"
            />
            <Button
              appearance="secondary-action-button"
              type="button"
              onClick={() => zoek()}
              busy={zoeken.isPending}
              disabled={zoeken.isPending}
            >
              Zoeken<span className="visueel-verborgen"> op BSN</span>
            </Button>
          </div>
        )}
      </Veld>
      <div aria-live="polite" className="bsn-zoeken__uitkomst">
        {zoeken.error ? (
          <Alert type="error">
            <Paragraph>Zoeken lukte niet: {foutmelding(zoeken.error)}</Paragraph>
          </Alert>
        ) : null}
        {gevonden && gevonden.length === 0 ? (
          <div className="zoekresultaat" data-testid="bsn-niet-gevonden">
            <Paragraph>
              Geen inburgeraar gevonden met dit BSN die u mag inzien (in gemeente {gemeente}).
            </Paragraph>
            {onNietGevonden ? (
              <Button
                appearance="secondary-action-button"
                type="button"
                onClick={() => onNietGevonden(gezocht.current ?? '')}
              >
                Als nieuwe inburgeraar vastleggen
              </Button>
            ) : null}
          </div>
        ) : null}
        {gevonden?.map((p) => (
          <Gevonden
            key={p.id}
            persoon={p}
            gemeente={gemeente}
            kiesTekst={kiesTekst}
            openTrajectBlokkeert={openTrajectBlokkeert}
            onKies={onKies}
          />
        ))}
      </div>
    </div>
  );
}

function Gevonden({
  persoon,
  gemeente,
  kiesTekst,
  openTrajectBlokkeert,
  onKies,
}: {
  persoon: InburgeraarView;
  gemeente: string;
  kiesTekst: string;
  openTrajectBlokkeert?: boolean;
  onKies: (p: InburgeraarView) => void;
}) {
  const open = persoon.trajecten.filter((t) => t.gemeente === gemeente && !t.afgesloten);
  return (
    <div className="zoekresultaat" data-testid="bsn-gevonden">
      <Paragraph>
        Gevonden: <strong>{persoon.naam}</strong>, geboren {datum(persoon.geboortedatum)}.
      </Paragraph>
      {persoon.trajecten.length > 0 ? (
        <DataList className="zoekresultaat__trajecten">
          {persoon.trajecten.map((t) => (
            <DataListItem key={t.trajectId}>
              <DataListKey>
                <Koppeling to={`/trajecten/${t.trajectId}`}>Traject {kortId(t.trajectId)}</Koppeling>
              </DataListKey>
              <DataListValue>
                {t.gemeente} · {t.afgesloten ? 'afgesloten' : label(FASE, t.fase, 'lopend')}
              </DataListValue>
            </DataListItem>
          ))}
        </DataList>
      ) : null}
      {openTrajectBlokkeert && open.length > 0 ? (
        <Alert type="warning">
          <Paragraph>
            Deze inburgeraar heeft in uw gemeente al een lopend traject (
            <Koppeling to={`/trajecten/${open[0].trajectId}`}>traject {kortId(open[0].trajectId)}</Koppeling>
            ). Een tweede traject kan niet: ga naar het bestaande traject.
          </Paragraph>
        </Alert>
      ) : (
        <Button appearance="secondary-action-button" type="button" onClick={() => onKies(persoon)}>
          {kiesTekst}
          <span className="visueel-verborgen">: {persoon.naam}</span>
        </Button>
      )}
    </div>
  );
}
