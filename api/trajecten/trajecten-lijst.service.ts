import { Injectable } from '@nestjs/common';
import { TrajectRepository, type TrajectRij } from '../../platform/persistence/repositories';
import { type AangemeldeGebruiker, gemeentenFilter } from '../auth';
import { leesCursor, pagina, vingerafdruk } from '../common/cursor';
import { InburgeraarService } from '../inburgeraars/inburgeraars.service';
import { type LijstQuery, sortering } from './lijst.dto';

/** One row of the list: the read model's columns a list shows (no personal data lives there). */
export type TrajectLijstItem = Pick<
  TrajectRij,
  | 'id'
  | 'gemeente'
  | 'doelgroep'
  | 'fase'
  | 'leerroute'
  | 'casemanager'
  | 'kennisgevingsdatum'
  | 'termijnEinde'
  | 'volgendeDeadline'
  | 'volgendeDeadlineSoort'
  | 'termijnOverschreden'
  | 'afgesloten'
  | 'versie'
  | 'bijgewerktOp'
>;

/** A list row with the person's name where this user may see it (null otherwise, or no person registered). */
export type TrajectLijstRegel = TrajectLijstItem & { inburgeraarId: string | null; naam: string | null };

export interface TrajectLijst {
  items: TrajectLijstRegel[];
  /** Pass as `cursor` for the next page; null on the last page. */
  volgende: string | null;
}

export function alsLijstItem(r: TrajectRij): TrajectLijstItem {
  return {
    id: r.id,
    gemeente: r.gemeente,
    doelgroep: r.doelgroep,
    fase: r.fase,
    leerroute: r.leerroute,
    casemanager: r.casemanager,
    kennisgevingsdatum: r.kennisgevingsdatum,
    termijnEinde: r.termijnEinde,
    volgendeDeadline: r.volgendeDeadline,
    volgendeDeadlineSoort: r.volgendeDeadlineSoort,
    termijnOverschreden: r.termijnOverschreden,
    afgesloten: r.afgesloten,
    versie: r.versie,
    bijgewerktOp: r.bijgewerktOp,
  };
}

@Injectable()
export class TrajectenLijstService {
  constructor(
    private readonly trajecten: TrajectRepository,
    private readonly inburgeraars: InburgeraarService,
  ) {}

  /**
   * The gemeente's trajecten from the read model, filtered and sorted, in pages (keyset on the
   * sort value + id, so a page is stable while rows change and deep pages cost the same).
   */
  async lijst(q: LijstQuery, gebruiker: AangemeldeGebruiker, requestId: string): Promise<TrajectLijst> {
    const { cursor: _c, limiet: _l, ...zoekvraag } = q;
    const gemeenten = gemeentenFilter(gebruiker);
    const fingerprint = vingerafdruk(gemeenten, gebruiker.sub, zoekvraag);
    const casemanager =
      q.casemanager === 'geen' ? null : q.casemanager === 'ik' ? gebruiker.sub : q.casemanager;
    const rijen = await this.trajecten.lijst(
      {
        gemeente: gemeenten,
        fase: q.fase,
        leerroute: q.leerroute,
        doelgroep: q.doelgroep,
        casemanager,
        deadlineVoor: q.deadlineVoor,
        termijnOverschreden: q.termijnOverschreden,
        afgesloten: q.afgesloten,
      },
      sortering(q.sorteer),
      q.cursor ? leesCursor(q.cursor, fingerprint) : null,
      q.limiet + 1,
    );
    const pag = pagina(rijen, q.limiet, alsLijstItem, fingerprint, (r) => r.sorteerwaarde);
    const namen = await this.inburgeraars.namen(
      pag.items.map((i) => i.id),
      gebruiker,
      requestId,
    );
    return {
      items: pag.items.map((i) => ({
        ...i,
        inburgeraarId: namen.get(i.id)?.inburgeraarId ?? null,
        naam: namen.get(i.id)?.naam ?? null,
      })),
      volgende: pag.volgende,
    };
  }
}
