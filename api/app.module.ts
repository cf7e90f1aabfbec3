import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AanbiedersModule } from './aanbieders/aanbieders.module';
import { AuditModule } from './audit';
import { AuthModule } from './auth';
import { CodecModule } from './codec/codec.module';
import { ProblemFilter } from './common/problem.filter';
import { SnelheidslimietModule } from './common/snelheidslimiet';
import { FeedsModule } from './feeds/feeds.module';
import { HealthController } from './health/health.controller';
import { InburgeraarsModule } from './inburgeraars/inburgeraars.module';
import { type ApiDeps, InfrastructureModule } from './infrastructure/infrastructure.module';
import { MetricsController } from './metrics/metrics.controller';
import { OperationsModule } from './operations/operations.module';
import { RapportageModule } from './rapportage/rapportage.module';
import { TakenModule } from './taken/taken.module';
import { TrajectenModule } from './trajecten/trajecten.module';
import { UiModule } from './ui/ui.module';
import { VerwerkingenModule } from './verwerkingen/verwerkingen.module';

@Module({})
export class AppModule {
  static forRoot(deps: ApiDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(deps),
        AuthModule,
        SnelheidslimietModule,
        AuditModule,
        VerwerkingenModule,
        InburgeraarsModule,
        CodecModule,
        TrajectenModule,
        TakenModule,
        FeedsModule,
        AanbiedersModule,
        OperationsModule,
        RapportageModule,
        UiModule.forRoot(deps.config),
      ],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
