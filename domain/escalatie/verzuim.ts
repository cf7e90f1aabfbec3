import type { EscalatieBeleid } from '../beleid';
import {
  addDays,
  addIsoWeken,
  addWerkdagen,
  type IsoWeek,
  isoWeek,
  isVoor,
  maandagVan,
  type PlainDate,
} from '../shared/kalender';
import type { Escalatie } from './types';

/** One week of a taalaanbieder's report as the ladder reads it (hours; no personal data). */
export interface WeekAanwezigheid {
  week: IsoWeek;
  lesuren: number;
  verzuimGeoorloofd: number;
  verzuimOngeoorloofd: number;
}

export interface VerzuimStand {
  /** The window: `verzuimWeken` complete ISO weeks ending with `totWeek`. */
  vanWeek: IsoWeek;
  totWeek: IsoWeek;
  /** Planned lesuren: attended plus absent (excused or not). */
  gepland: number;
  ongeoorloofd: number;
  /** Unexcused share of the planned hours, 0..1 (0 when nothing was planned). */
  aandeel: number;
  boven: boolean;
}

/** The unexcused share over the `verzuimWeken` weeks ending with `totWeek`; above when > the limit. */
export function verzuimOver(
  weken: readonly WeekAanwezigheid[],
  totWeek: IsoWeek,
  beleid: Pick<EscalatieBeleid, 'verzuimGrensProcent' | 'verzuimWeken'>,
): VerzuimStand {
  const vanWeek = addIsoWeken(totWeek, 1 - beleid.verzuimWeken);
  let gepland = 0;
  let ongeoorloofd = 0;
  for (const w of weken) {
    if (w.week < vanWeek || w.week > totWeek) continue;
    gepland += w.lesuren + w.verzuimGeoorloofd + w.verzuimOngeoorloofd;
    ongeoorloofd += w.verzuimOngeoorloofd;
  }
  const aandeel = gepland > 0 ? ongeoorloofd / gepland : 0;
  // Compared in whole numbers (hours are quarters, the limit a whole percentage): no rounding at the edge.
  const boven = gepland > 0 && ongeoorloofd * 100 > beleid.verzuimGrensProcent * gepland;
  return { vanWeek, totWeek, gepland, ongeoorloofd, aandeel, boven };
}

/**
 * The episode the traject is in on `vandaag`: the window ending with the last complete week is above
 * the limit, and the episode began with the earliest week of the unbroken run of such windows. Null
 * when the last window is not above. Derived from the reports only, so every night finds the same
 * episode until the share drops below the limit; a later rise is a new episode.
 */
export function verzuimEpisode(
  weken: readonly WeekAanwezigheid[],
  vandaag: PlainDate,
  beleid: Pick<EscalatieBeleid, 'verzuimGrensProcent' | 'verzuimWeken'>,
): { begin: IsoWeek; stand: VerzuimStand } | null {
  const laatste = addIsoWeken(isoWeek(vandaag), -1);
  const stand = verzuimOver(weken, laatste, beleid);
  if (!stand.boven) return null;
  const eerste = weken.reduce<IsoWeek | null>((a, w) => (a === null || w.week < a ? w.week : a), null);
  let begin = laatste;
  // A window before the first reported week has nothing planned: the loop ends there at the latest.
  while (eerste !== null && begin > eerste) {
    const eerder = addIsoWeken(begin, -1);
    if (!verzuimOver(weken, eerder, beleid).boven) break;
    begin = eerder;
  }
  return { begin, stand };
}

const procent = (a: number) => `${Math.round(a * 100)} %`;

/**
 * Verzuim (issue 15): unexcused absence above the policy share over the last weeks → task "verzuim
 * bespreken" for the casemanager (niveau 1, once per episode: the sleutel names the episode's first
 * week); still above `verzuimEscalatieWerkdagen` working days after that → escalation to the
 * teamleider (niveau 2, once per episode).
 */
export function verzuim(
  weken: readonly WeekAanwezigheid[] | undefined,
  vandaag: PlainDate,
  beleid: EscalatieBeleid,
): Escalatie[] {
  if (!weken || weken.length === 0) return [];
  const episode = verzuimEpisode(weken, vandaag, beleid);
  if (!episode) return [];
  const { begin, stand } = episode;
  // The first day the episode could be known: the Monday after its first week.
  const bekend = addDays(maandagVan(begin), 7);
  const wat = `ongeoorloofd verzuim ${procent(stand.aandeel)} van ${stand.gepland} geplande lesuren in ${stand.vanWeek} t/m ${stand.totWeek} (grens ${beleid.verzuimGrensProcent} %)`;
  const uit: Escalatie[] = [
    {
      soort: 'verzuim',
      actie: 'taak',
      niveau: 1,
      ontvanger: 'casemanager',
      regel: 'verzuim',
      sleutel: `ronde:verzuim:1:${begin}`,
      peildatum: bekend,
      omschrijving: `Verzuim bespreken: ${wat}`,
    },
  ];
  const escalatie = addWerkdagen(bekend, beleid.verzuimEscalatieWerkdagen);
  if (!isVoor(vandaag, escalatie)) {
    uit.push({
      soort: 'verzuim',
      actie: 'escalatie',
      niveau: 2,
      ontvanger: 'teamleider',
      regel: 'verzuim',
      sleutel: `ronde:verzuim:2:${begin}`,
      peildatum: escalatie,
      omschrijving: `Verzuim houdt aan sinds ${begin} (${beleid.verzuimEscalatieWerkdagen} werkdagen na de taak): ${wat}`,
    });
  }
  return uit;
}
