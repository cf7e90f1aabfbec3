import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  type InburgeraarInvoer,
  type PersoonCorrectie,
  type Persoonsgegevens,
  volledigeNaam,
} from '../../domain/persoon';
import type { Kind } from '../../domain/traject';
import { Sleutelkluis } from '../../platform/crypto';
import {
  type Db,
  InburgeraarRepository,
  type InburgeraarRij,
  PersoonssleutelRepository,
  type PersoonTraject,
  type PersoonWijziging,
} from '../../platform/persistence/repositories';
import { AuditService } from '../audit';
import type { AangemeldeGebruiker } from '../auth';
import { isVernietigd, ProblemException, problem } from '../common/problem';
import { DATA_SOURCE } from '../infrastructure/infrastructure.module';
import { VerwerkingService } from '../verwerkingen/verwerking.service';

/** The person as the casemanager sees them (decrypted; every such read is in the processing log). */
export interface InburgeraarView {
  id: string;
  naam: string;
  voornamen: string;
  voorvoegsel: string | null;
  achternaam: string;
  bsn: string;
  vnummer: string | null;
  geboortedatum: string;
  taal: string | null;
  tolkNodig: boolean;
  telefoon: string | null;
  email: string | null;
  kinderen: { kindId: string; voornamen: string | null; geboortedatum: string }[];
  /** Other people of the household: each has their own traject ("vanaf dag één een eigen dossier"). */
  huishouden: { id: string }[];
  trajecten: { trajectId: string; gemeente: string; fase: string | null; afgesloten: boolean }[];
  versie: number;
}

/** What a traject needs of its person when it starts: the rulebook gets dates only. */
export interface PersoonVoorTraject {
  inburgeraarId: string;
  geboortedatum: string;
  kinderen: Kind[];
  nieuw: boolean;
}

const onbekend = () =>
  new ProblemException(problem(404, 'Er is geen inburgeraar met deze id.', { code: 'INBURGERAAR_ONBEKEND' }));

const VELD_BSN = 'bsn';
const VELD_VNUMMER = 'vnummer';
const VELD_GEGEVENS = 'gegevens';

/**
 * The person register: BSN and everything personal stored encrypted under the person's own key, found
 * by a blind index; one person per BSN, shared by every gemeente (a person moves, their history stays);
 * each person their own traject. Only those who need it see it: the traject's casemanager (or any
 * casemanager while nobody is assigned yet: the team's intake queue) and the gemeente's teamleider.
 */
@Injectable()
export class InburgeraarService {
  constructor(
    private readonly register: InburgeraarRepository,
    private readonly sleutels: PersoonssleutelRepository,
    private readonly kluis: Sleutelkluis,
    private readonly verwerking: VerwerkingService,
    private readonly audit: AuditService,
    @Inject(DATA_SOURCE) private readonly dataSource: Pick<DataSource, 'transaction'>,
  ) {}

  /** May this user see the person behind these trajecten? */
  magZien(gebruiker: AangemeldeGebruiker, trajecten: PersoonTraject[]): boolean {
    if (!['casemanager', 'teamleider', 'admin'].includes(gebruiker.rol)) return false;
    return trajecten.some(
      (t) =>
        t.gemeente === gebruiker.gemeente &&
        (gebruiker.rol !== 'casemanager' || t.casemanager === null || t.casemanager === gebruiker.sub),
    );
  }

  private async gegevens(rij: Pick<InburgeraarRij, 'id' | 'gegevens'>): Promise<Persoonsgegevens> {
    return JSON.parse(
      await this.kluis.ontsleutelTekst(`${rij.id}.${VELD_GEGEVENS}`, rij.gegevens),
    ) as Persoonsgegevens;
  }

  private versleutel(id: string, veld: string, waarde: string): Promise<string> {
    return this.kluis.versleutelTekst(`p:${id}`, `${id}.${veld}`, waarde);
  }

  /**
   * The person of a new traject: found by BSN (or id) or registered, and linked to the traject before
   * its workflow starts (the workflow's payloads are encrypted under this person's key). The same BSN
   * with an open traject in the same gemeente is refused: never a second traject for one person.
   */
  async registreerVoorTraject(
    invoer: { persoon: InburgeraarInvoer } | { inburgeraarId: string },
    trajectId: string,
    gemeente: string,
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<PersoonVoorTraject> {
    const uitkomst = await this.dataSource.transaction(async (db) => {
      let bestaand: InburgeraarRij | null;
      if ('persoon' in invoer) {
        const index = this.kluis.index('bsn', invoer.persoon.bsn);
        await this.register.vergrendelIndex(index, db);
        bestaand = await this.register.vindOpIndex('bsn', index, db);
      } else {
        bestaand = await this.register.vind(invoer.inburgeraarId, db);
        if (!bestaand) throw onbekend();
      }
      if (bestaand) {
        const trajecten = await this.register.trajectenVan(bestaand.id, db);
        const herhaling = trajecten.some((t) => t.trajectId === trajectId);
        if (!herhaling && trajecten.some((t) => t.gemeente === gemeente && !t.afgesloten)) {
          throw new ProblemException(
            problem(409, 'Deze persoon heeft in uw gemeente al een lopend traject; er komt geen tweede.', {
              code: 'TRAJECT_BESTAAT_AL',
            }),
          );
        }
        if (!herhaling && 'inburgeraarId' in invoer && !this.magZien(gebruiker, trajecten)) throw onbekend();
        await this.register.koppelTraject(trajectId, bestaand.id, gemeente, db);
        const g = await this.gegevens(bestaand);
        return {
          inburgeraarId: bestaand.id,
          geboortedatum: g.geboortedatum,
          kinderen: g.kinderen.map((k) => ({ kindId: k.kindId, geboortedatum: k.geboortedatum })),
          nieuw: false,
        };
      }
      const p = (invoer as { persoon: InburgeraarInvoer }).persoon;
      const id = randomUUID();
      let huishoudenId: string = randomUUID();
      if (p.huishoudenMet) {
        const partner = await this.register.vind(p.huishoudenMet, db);
        if (!partner || !this.magZien(gebruiker, await this.register.trajectenVan(partner.id, db))) {
          throw new ProblemException(
            problem(404, 'De inburgeraar van huishoudenMet is onbekend.', {
              code: 'INBURGERAAR_ONBEKEND',
              fouten: [{ veld: 'inburgeraar.huishoudenMet', melding: 'onbekend' }],
            }),
          );
        }
        huishoudenId = partner.huishoudenId;
      }
      const sleutel = this.kluis.nieuwePersoonssleutel(id);
      const gegevens: Persoonsgegevens = {
        voornamen: p.voornamen,
        voorvoegsel: p.voorvoegsel ?? null,
        achternaam: p.achternaam,
        geboortedatum: p.geboortedatum,
        taal: p.taal ?? null,
        tolkNodig: p.tolkNodig ?? false,
        telefoon: p.telefoon ?? null,
        email: p.email ?? null,
        kinderen: (p.kinderen ?? []).map((k) => ({
          kindId: randomUUID(),
          voornamen: k.voornamen ?? null,
          geboortedatum: k.geboortedatum,
        })),
      };
      await this.register.voegToe(
        {
          id,
          bsnIndex: this.kluis.index('bsn', p.bsn),
          bsn: await this.versleutel(id, VELD_BSN, p.bsn),
          vnummerIndex: p.vnummer ? this.kluis.index('vnummer', p.vnummer) : null,
          vnummer: p.vnummer ? await this.versleutel(id, VELD_VNUMMER, p.vnummer) : null,
          gegevens: await this.versleutel(id, VELD_GEGEVENS, JSON.stringify(gegevens)),
          huishoudenId,
          aangemaaktDoorGemeente: gemeente,
        },
        db,
      );
      await this.sleutels.bewaar(id, sleutel.masterSleutelId, sleutel.versleuteld, db);
      await this.register.koppelTraject(trajectId, id, gemeente, db);
      return {
        inburgeraarId: id,
        geboortedatum: gegevens.geboortedatum,
        kinderen: gegevens.kinderen.map((k) => ({ kindId: k.kindId, geboortedatum: k.geboortedatum })),
        nieuw: true,
      };
    });
    await this.verwerking.log(gebruiker, {
      actie: uitkomst.nieuw ? 'inburgeraar registreren' : 'inburgeraar koppelen aan traject',
      handeling: uitkomst.nieuw ? 'toevoegen' : 'lezen',
      inburgeraarIds: [uitkomst.inburgeraarId],
      trajectId,
      soorten: ['bsn', 'naam', 'geboortedatum', 'contact'],
      requestId,
    });
    return uitkomst;
  }

  private async view(rij: InburgeraarRij, trajecten: PersoonTraject[]): Promise<InburgeraarView> {
    const g = await this.gegevens(rij);
    const huishouden = (await this.register.huishouden(rij.huishoudenId)).filter((id) => id !== rij.id);
    return {
      id: rij.id,
      naam: volledigeNaam(g),
      voornamen: g.voornamen,
      voorvoegsel: g.voorvoegsel,
      achternaam: g.achternaam,
      bsn: await this.kluis.ontsleutelTekst(`${rij.id}.${VELD_BSN}`, rij.bsn),
      vnummer: rij.vnummer
        ? await this.kluis.ontsleutelTekst(`${rij.id}.${VELD_VNUMMER}`, rij.vnummer)
        : null,
      geboortedatum: g.geboortedatum,
      taal: g.taal,
      tolkNodig: g.tolkNodig,
      telefoon: g.telefoon,
      email: g.email,
      kinderen: g.kinderen,
      huishouden: huishouden.map((id) => ({ id })),
      trajecten: trajecten.map((t) => ({
        trajectId: t.trajectId,
        gemeente: t.gemeente,
        fase: t.fase,
        afgesloten: t.afgesloten,
      })),
      versie: rij.versie,
    };
  }

  private async toegankelijk(
    id: string,
    gebruiker: AangemeldeGebruiker,
  ): Promise<{ rij: InburgeraarRij; trajecten: PersoonTraject[] }> {
    const rij = await this.register.vind(id);
    if (!rij) throw onbekend();
    const trajecten = await this.register.trajectenVan(id);
    // Another gemeente's person answers exactly like an unknown one.
    if (!this.magZien(gebruiker, trajecten)) throw onbekend();
    return { rij, trajecten: trajecten.filter((t) => t.gemeente === gebruiker.gemeente) };
  }

  async haalOp(id: string, gebruiker: AangemeldeGebruiker, requestId: string): Promise<InburgeraarView> {
    const { rij, trajecten } = await this.toegankelijk(id, gebruiker);
    const view = await this.view(rij, trajecten);
    await this.verwerking.log(gebruiker, {
      actie: 'inburgeraar inzien',
      handeling: 'lezen',
      inburgeraarIds: [id],
      soorten: ['bsn', 'naam', 'geboortedatum', 'contact'],
      requestId,
    });
    return view;
  }

  /** BSN in the body, never in a URL or log: the persons with that BSN this user may see (zero or one). */
  async zoek(bsn: string, gebruiker: AangemeldeGebruiker, requestId: string): Promise<InburgeraarView[]> {
    const rij = await this.register.vindOpIndex('bsn', this.kluis.index('bsn', bsn));
    if (!rij) return [];
    const trajecten = await this.register.trajectenVan(rij.id);
    if (!this.magZien(gebruiker, trajecten)) return [];
    const view = await this.view(
      rij,
      trajecten.filter((t) => t.gemeente === gebruiker.gemeente),
    );
    await this.verwerking.log(gebruiker, {
      actie: 'inburgeraar zoeken op bsn',
      handeling: 'zoeken',
      inburgeraarIds: [rij.id],
      soorten: ['bsn', 'naam'],
      requestId,
    });
    return [view];
  }

  /**
   * Corrects name, contact or language. Each changed field is kept with its old and new value (both
   * encrypted under the person's key) in `persoon_wijziging`, audited and in the processing log.
   */
  async corrigeer(
    id: string,
    correctie: PersoonCorrectie,
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<InburgeraarView> {
    const { rij, trajecten } = await this.toegankelijk(id, gebruiker);
    const oud = await this.gegevens(rij);
    const nieuw: Persoonsgegevens = { ...oud };
    const wijzigingen: PersoonWijziging[] = [];
    for (const [veld, waarde] of Object.entries(correctie) as [keyof PersoonCorrectie, unknown][]) {
      if (waarde === undefined || JSON.stringify(oud[veld] ?? null) === JSON.stringify(waarde)) continue;
      (nieuw as unknown as Record<string, unknown>)[veld] = waarde;
      wijzigingen.push({
        inburgeraarId: id,
        actor: gebruiker.sub,
        veld,
        oud: await this.versleutel(id, `wijziging.${veld}`, JSON.stringify(oud[veld] ?? null)),
        nieuw: await this.versleutel(id, `wijziging.${veld}`, JSON.stringify(waarde)),
        requestId,
      });
    }
    if (wijzigingen.length === 0) return this.view(rij, trajecten);
    const versleuteld = await this.versleutel(id, VELD_GEGEVENS, JSON.stringify(nieuw));
    await this.dataSource.transaction(async (db: Db) => {
      if (!(await this.register.werkGegevensBij(id, versleuteld, rij.versie, db))) {
        throw new ProblemException(
          problem(409, 'Iemand anders wijzigde deze gegevens intussen; haal ze opnieuw op.', {
            code: 'GELIJKTIJDIG_GEWIJZIGD',
          }),
        );
      }
      await this.register.voegWijzigingenToe(wijzigingen, db);
      await this.audit.schrijf(
        { gebruiker, actie: 'inburgeraarCorrigeren', uitkomst: 'geaccepteerd', requestId },
        db,
      );
    });
    await this.verwerking.log(gebruiker, {
      actie: 'inburgeraar corrigeren',
      handeling: 'wijzigen',
      inburgeraarIds: [id],
      soorten: wijzigingen.map((w) => w.veld),
      requestId,
    });
    return this.view({ ...rij, gegevens: versleuteld, versie: rij.versie + 1 }, trajecten);
  }

  /**
   * Names for a list of trajecten, only where this user may see the person (the others stay
   * anonymous), with one processing-log row per person shown.
   */
  async namen(
    trajectIds: string[],
    gebruiker: AangemeldeGebruiker,
    requestId: string,
  ): Promise<Map<string, { inburgeraarId: string; naam: string }>> {
    const uit = new Map<string, { inburgeraarId: string; naam: string }>();
    if (!['casemanager', 'teamleider', 'admin'].includes(gebruiker.rol)) return uit;
    for (const p of await this.register.personenVanTrajecten(trajectIds)) {
      if (!this.magZien(gebruiker, [p])) continue;
      let g: Persoonsgegevens;
      try {
        g = await this.gegevens({ id: p.inburgeraarId, gegevens: p.gegevens });
      } catch (err) {
        // A person shredded after the retention period has no name any more: the list stays usable.
        if (isVernietigd(err)) continue;
        throw err;
      }
      uit.set(p.trajectId, { inburgeraarId: p.inburgeraarId, naam: volledigeNaam(g) });
    }
    await this.verwerking.log(gebruiker, {
      actie: 'lijst met namen',
      handeling: 'lezen',
      inburgeraarIds: [...uit.values()].map((v) => v.inburgeraarId),
      soorten: ['naam'],
      requestId,
    });
    return uit;
  }

  /** The open traject of the person with this BSN in this gemeente (DUO feeds identify people by BSN). */
  openTrajectVanBsn(
    bsn: string,
    gemeente: string,
  ): Promise<{ trajectId: string; inburgeraarId: string } | null> {
    return this.openTrajectVan('bsn', bsn, gemeente);
  }

  /** The same by BSN or V-nummer (COA knows an asielstatushouder by V-nummer), through the blind index. */
  async openTrajectVan(
    soort: 'bsn' | 'vnummer',
    waarde: string,
    gemeente: string,
  ): Promise<{ trajectId: string; inburgeraarId: string } | null> {
    const rij = await this.register.vindOpIndex(soort, this.kluis.index(soort, waarde));
    if (!rij) return null;
    const open = (await this.register.trajectenVan(rij.id)).find(
      (t) => t.gemeente === gemeente && !t.afgesloten,
    );
    return open ? { trajectId: open.trajectId, inburgeraarId: rij.id } : null;
  }
}
