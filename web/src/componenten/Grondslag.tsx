import type { Grondslag as G } from '../../../domain/traject';
import { datum } from '../opmaak/datum';
import { BELEID, WETSREGEL } from '../opmaak/labels';

/**
 * The legal basis the API returned with a deadline or decision: the article and the version of the rule
 * in force (domain/wet.ts), or the gemeente's policy (domain/beleid.ts), or an agreement in the PIP.
 * Nothing here is retyped: article texts and numbers come from the rulebook through the API.
 */
export function Grondslag({ grondslag }: { grondslag: G[] }) {
  if (grondslag.length === 0)
    return <span className="grondslag-leeg">Geen termijnregel: vastgelegd feit</span>;
  return (
    <ul className="grondslag">
      {grondslag.map((g) => (
        <li key={sleutel(g)}>
          <GrondslagRegel g={g} />
        </li>
      ))}
    </ul>
  );
}

function sleutel(g: G): string {
  if (g.soort === 'wet') return `wet:${g.regel}`;
  if (g.soort === 'beleid') return `beleid:${g.instelling}`;
  return `pip:${g.versie}`;
}

function GrondslagRegel({ g }: { g: G }) {
  switch (g.soort) {
    case 'wet': {
      const r = WETSREGEL[g.regel];
      return (
        <>
          <span className="grondslag-bron">{g.bron}</span> — {r.naam}: {r.eenheid(g.waarde)}{' '}
          <span className="grondslag-versie">(regelversie geldig vanaf {datum(g.geldigVanaf)})</span>
        </>
      );
    }
    case 'beleid': {
      const b = BELEID[g.instelling];
      return (
        <>
          <span className="grondslag-bron">Beleid van de gemeente</span> — {b.naam}: {b.eenheid(g.waarde)}{' '}
          <span className="grondslag-versie">
            ({g.standaard ? 'standaardbeleid' : 'afwijkend gemeentebeleid'})
          </span>
        </>
      );
    }
    case 'pip': {
      const c = g.waarde as { eersteJaarMaanden: number; daarnaMaanden: number } | null;
      return (
        <>
          <span className="grondslag-bron">Afspraak in PIP-versie {g.versie}</span> — voortgangsgesprek
          {c
            ? ` elke ${c.eersteJaarMaanden} maanden in het eerste jaar, daarna elke ${c.daarnaMaanden} maanden`
            : ''}
        </>
      );
    }
    default:
      return null;
  }
}
