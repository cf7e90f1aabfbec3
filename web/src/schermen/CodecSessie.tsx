import { useMutation } from '@tanstack/react-query';
import { Button, Heading2, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import { useUiConfig } from '../api/config';
import { api } from '../api/http';
import { Fout, Gelukt } from '../componenten/Status';

/**
 * The Temporal Web UI cannot send our bearer token to the codec endpoint, so POST /api/v1/codec/sessie puts
 * it in an HttpOnly cookie valid only for /api/v1/codec/ (8 hours). With "include cross-origin
 * credentials" on, the Temporal UI then decodes histories through the API; every decode is logged.
 */
export function CodecSessie() {
  const config = useUiConfig();
  const sessie = useMutation({
    mutationFn: () => api<void>('/api/v1/codec/sessie', { methode: 'POST' }),
  });
  const codecAdres = `${window.location.origin}/api/v1/codec`;
  const temporalUi = config.data
    ? `${config.data.temporalUiUrl}/namespaces/${config.data.temporalNamespace}/workflows`
    : null;
  return (
    <section aria-labelledby="codec-kop">
      <Heading2 id="codec-kop">Geschiedenissen leesbaar maken in de Temporal UI</Heading2>
      <Paragraph>
        Persoonsgegevens in de procesgeschiedenissen zijn versleuteld. De Temporal UI toont ze pas leesbaar
        als zij ze via deze server laat ontsleutelen, en dat mag alleen met uw aanmelding. Zo zet u dat aan:
      </Paragraph>
      <OrderedList>
        <OrderedListItem>
          Klik op <strong>Ontsleutelen aanzetten</strong> hieronder. De server geeft uw browser een
          sessie-cookie die alleen voor het ontsleutelen geldt, 8 uur lang.
        </OrderedListItem>
        <OrderedListItem>
          Open de Temporal UI
          {temporalUi ? (
            <>
              {' '}
              (
              <a className="utrecht-link" href={temporalUi} rel="noopener" target="_blank">
                Temporal UI<span className="visueel-verborgen"> (nieuw venster)</span>
              </a>
              )
            </>
          ) : null}{' '}
          in deze browser.
        </OrderedListItem>
        <OrderedListItem>
          Open daar de codec-instellingen (het pictogram voor <em>Codec Server</em> of <em>Data Encoder</em>{' '}
          rechtsboven) en zet <strong>Include cross-origin credentials</strong> aan. Bij{' '}
          <code>npm start</code> staat het adres van de codec al ingevuld; anders vult u{' '}
          <code>{codecAdres}</code> in.
        </OrderedListItem>
        <OrderedListItem>
          Open een workflow: de invoer en uitvoer zijn nu leesbaar. Elke ontsleuteling komt met uw
          medewerker-id in het verwerkingenlogboek.
        </OrderedListItem>
      </OrderedList>
      <Paragraph>
        Zonder deze stappen (of na 8 uur) ziet u in de Temporal UI alleen versleutelde gegevens. Gebruik voor
        de Temporal UI dezelfde hostnaam als voor deze pagina (bijvoorbeeld beide 127.0.0.1): anders stuurt de
        browser de sessie-cookie niet mee.
      </Paragraph>
      {sessie.isSuccess ? (
        <Gelukt>Ontsleutelen staat aan voor deze browser, 8 uur lang. Ga verder met stap 2.</Gelukt>
      ) : null}
      {sessie.error ? <Fout fout={sessie.error} titel="Ontsleutelen kon niet worden aangezet" /> : null}
      <Button
        appearance="secondary-action-button"
        type="button"
        onClick={() => sessie.mutate()}
        busy={sessie.isPending}
        disabled={sessie.isPending}
      >
        Ontsleutelen aanzetten
      </Button>
    </section>
  );
}
