import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { DatumMetDagen } from '../../componenten/Dagen';
import { Grondslag } from '../../componenten/Grondslag';
import { datum } from '../../opmaak/datum';
import { useDossier } from './context';

export function Ontzorgen() {
  const { traject, uitleg } = useDossier();
  const state = traject.status?.state;
  const o = state?.ontzorgen;
  const evaluatie = uitleg?.deadlines.find((d) => d.soort === 'ontzorgen-evaluatie');
  const besluit = uitleg?.besluiten.find((b) => b.soort === 'ontzorgen');
  return (
    <section aria-labelledby="ontzorgen-kop">
      <Heading2 id="ontzorgen-kop">Ontzorgen</Heading2>
      {!o ? (
        <Paragraph>
          {state?.doelgroep === 'asielstatushouder'
            ? 'Ontzorgen is (nog) niet gestart.'
            : 'Ontzorgen geldt alleen voor asielstatushouders.'}
        </Paragraph>
      ) : (
        <DataList>
          <DataListItem>
            <DataListKey>Status</DataListKey>
            <DataListValue>{o.status === 'actief' ? 'Loopt' : 'Afgebouwd'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Gestart</DataListKey>
            <DataListValue>{datum(o.startdatum)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Loopt tot</DataListKey>
            <DataListValue>{datum(o.einddatum)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Verlengingen</DataListKey>
            <DataListValue>{o.verlengingen}</DataListValue>
          </DataListItem>
          {evaluatie ? (
            <DataListItem>
              <DataListKey>Evaluatie uiterlijk</DataListKey>
              <DataListValue>
                <DatumMetDagen waarde={evaluatie.datum} />
                <Grondslag grondslag={evaluatie.grondslag} />
              </DataListValue>
            </DataListItem>
          ) : null}
          {besluit ? (
            <DataListItem>
              <DataListKey>Grondslag</DataListKey>
              <DataListValue>
                <Grondslag grondslag={besluit.grondslag} />
              </DataListValue>
            </DataListItem>
          ) : null}
        </DataList>
      )}
    </section>
  );
}
