import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../platform/config';
import { Metrieken } from '../metrics/metrieken';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

/** What the API needs from outside; main.ts (or a test) creates and owns these. */
export interface ApiDeps {
  config: AppConfig;
  dataSource: DataSource;
  client: Client;
}

@Global()
@Module({})
export class PlatformModule {
  static forRoot(deps: ApiDeps): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DATA_SOURCE, useValue: deps.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: deps.client },
        { provide: Metrieken, useValue: new Metrieken() },
      ],
      exports: [APP_CONFIG, DATA_SOURCE, TEMPORAL_CLIENT, Metrieken],
    };
  }
}
