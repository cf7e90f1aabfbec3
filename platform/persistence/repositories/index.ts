import type { DataSource } from 'typeorm';
import { AuditRepository } from './audit.repository';
import { EscalatieRondeRepository } from './escalatieronde.repository';
import { FeedLeveringRepository } from './feed-levering.repository';
import { InburgeraarRepository } from './inburgeraar.repository';
import { NotificatieRepository } from './notificatie.repository';
import { PersoonssleutelRepository } from './persoonssleutel.repository';
import { RapportageRepository } from './rapportage.repository';
import { TaakRepository } from './taak.repository';
import { TrajectRepository } from './traject.repository';
import { VerwerkingRepository } from './verwerking.repository';

export * from './audit.repository';
export { type Db, pingDatabase } from './db';
export * from './escalatieronde.repository';
export * from './feed-levering.repository';
export * from './inburgeraar.repository';
export * from './notificatie.repository';
export * from './persoonssleutel.repository';
export * from './rapportage.repository';
export * from './rechten.repository';
export * from './taak.repository';
export * from './traject.repository';
export * from './verwerking.repository';

/** Every repository over one DataSource: what the API and the worker are given. */
export interface Repositories {
  trajecten: TrajectRepository;
  taken: TaakRepository;
  audit: AuditRepository;
  escalatierondes: EscalatieRondeRepository;
  notificaties: NotificatieRepository;
  rapportage: RapportageRepository;
  inburgeraars: InburgeraarRepository;
  persoonssleutels: PersoonssleutelRepository;
  verwerkingen: VerwerkingRepository;
  feedLeveringen: FeedLeveringRepository;
}

export function createRepositories(dataSource: DataSource): Repositories {
  return {
    trajecten: new TrajectRepository(dataSource),
    taken: new TaakRepository(dataSource),
    audit: new AuditRepository(dataSource),
    escalatierondes: new EscalatieRondeRepository(dataSource),
    notificaties: new NotificatieRepository(dataSource),
    rapportage: new RapportageRepository(dataSource),
    inburgeraars: new InburgeraarRepository(dataSource),
    persoonssleutels: new PersoonssleutelRepository(dataSource),
    verwerkingen: new VerwerkingRepository(dataSource),
    feedLeveringen: new FeedLeveringRepository(dataSource),
  };
}
