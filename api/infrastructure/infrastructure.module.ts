import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../platform/config';
import { maakSleutelkluis, Sleutelkluis } from '../../platform/crypto';
import {
  AuditRepository,
  createRepositories,
  EscalatieRondeRepository,
  FeedLeveringRepository,
  InburgeraarRepository,
  NotificatieRepository,
  PersoonssleutelRepository,
  RapportageRepository,
  TaakRepository,
  TrajectRepository,
  VerwerkingRepository,
} from '../../platform/persistence/repositories';
import { Metrieken } from '../metrics/metrieken';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

/** What the API needs from outside; main.ts (or a test) creates and owns these. */
export interface ApiDeps {
  config: AppConfig;
  dataSource: DataSource;
  /** Created with `versleutelendeDataConverter(kluis)`: payloads are encrypted. */
  client: Client;
  /** The key vault the client's codec uses (default: from config, with the person keys in Postgres). */
  kluis?: Sleutelkluis;
}

/**
 * The API's outside world for every feature module: configuration, the Temporal client, the
 * repositories (the only code that speaks SQL) and the metrics. Services inject repositories by
 * class, so a spec hands them a fake.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(deps: ApiDeps): DynamicModule {
    const repos = createRepositories(deps.dataSource);
    const kluis = deps.kluis ?? maakSleutelkluis(deps.config.sleutels, repos.persoonssleutels);
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DATA_SOURCE, useValue: deps.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: deps.client },
        { provide: Metrieken, useValue: new Metrieken() },
        { provide: TrajectRepository, useValue: repos.trajecten },
        { provide: TaakRepository, useValue: repos.taken },
        { provide: AuditRepository, useValue: repos.audit },
        { provide: EscalatieRondeRepository, useValue: repos.escalatierondes },
        { provide: NotificatieRepository, useValue: repos.notificaties },
        { provide: RapportageRepository, useValue: repos.rapportage },
        { provide: InburgeraarRepository, useValue: repos.inburgeraars },
        { provide: PersoonssleutelRepository, useValue: repos.persoonssleutels },
        { provide: VerwerkingRepository, useValue: repos.verwerkingen },
        { provide: FeedLeveringRepository, useValue: repos.feedLeveringen },
        { provide: Sleutelkluis, useValue: kluis },
      ],
      exports: [
        APP_CONFIG,
        DATA_SOURCE,
        TEMPORAL_CLIENT,
        Metrieken,
        TrajectRepository,
        TaakRepository,
        AuditRepository,
        EscalatieRondeRepository,
        NotificatieRepository,
        RapportageRepository,
        InburgeraarRepository,
        PersoonssleutelRepository,
        VerwerkingRepository,
        FeedLeveringRepository,
        Sleutelkluis,
      ],
    };
  }
}
