import { Heading2, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import { useTijdlijn } from '../../api/traject';
import { Fout, Laden } from '../../componenten/Status';
import { datum, metDatums } from '../../opmaak/datum';
import { useDossier } from './context';

export function Tijdlijn() {
  const { id } = useDossier();
  const tijdlijn = useTijdlijn(id);
  if (tijdlijn.isPending) return <Laden wat="De tijdlijn" />;
  if (tijdlijn.error) return <Fout fout={tijdlijn.error} />;
  const gebeurd = tijdlijn.data.regels.filter((r) => r.soort === 'gebeurd');
  const gepland = tijdlijn.data.regels.filter((r) => r.soort === 'gepland');
  return (
    <>
      <section aria-labelledby="gebeurd-kop">
        <Heading2 id="gebeurd-kop">Wat er gebeurde</Heading2>
        <OrderedList className="tijdlijn" data-testid="tijdlijn-gebeurd">
          {gebeurd.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the tijdlijn only grows at the end
            <OrderedListItem key={i}>
              <span className="tijdlijn-datum">{datum(r.datum)}</span> {metDatums(r.beschrijving)}
            </OrderedListItem>
          ))}
        </OrderedList>
      </section>
      <section aria-labelledby="gepland-kop">
        <Heading2 id="gepland-kop">Wat gepland staat</Heading2>
        {gepland.length === 0 ? <Paragraph>Niets gepland.</Paragraph> : null}
        <OrderedList className="tijdlijn">
          {gepland.map((r) => (
            <OrderedListItem key={`${r.datum}-${r.beschrijving}`}>
              <span className="tijdlijn-datum">{datum(r.datum)}</span> {metDatums(r.beschrijving)}
            </OrderedListItem>
          ))}
        </OrderedList>
      </section>
    </>
  );
}
