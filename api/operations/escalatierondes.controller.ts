import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { EscalatieRondeRepository, type EscalatieRondeRij } from '../../platform/persistence/repositories';
import {
  beschrijfNachtelijkeEscalaties,
  hervatNachtelijkeEscalaties,
  type NachtelijkeEscalatiesStatus,
  pauzeerNachtelijkeEscalaties,
  startNachtelijkeEscalatiesNu,
} from '../../platform/temporal/nachtelijke-escalaties';
import { AuditService, RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { openApiSchema } from '../common/openapi';
import { ProblemException, problem, temporalOnbereikbaar } from '../common/problem';
import { limiet } from '../common/query';
import { ZodBody, ZodQuery } from '../common/zod-body.pipe';
import { TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';

const rondesQuery = z.strictObject({
  limiet: limiet(365, 30),
});

const notitieBody = z.strictObject({
  reden: z
    .string({ message: 'reden is verplicht: waarom (zonder persoonsgegevens)' })
    .min(3, 'reden is minstens 3 tekens')
    .max(200, 'reden is hoogstens 200 tekens'),
});

export type EscalatieRondeView = EscalatieRondeRij;

/** The nightly escalation run for operations: its schedule, each night's result, pause and resume. */
@ApiTags('operations')
@ApiBearerAuth()
@Rollen('operations', 'admin')
@Controller('api/v1/operations/escalatierondes')
export class EscalatierondesController {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly rondes: EscalatieRondeRepository,
    private readonly audit: AuditService,
    private readonly metrieken: Metrieken,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'De nachtelijke escalatieronde: schedule (gepauzeerd?, volgende runs) en het resultaat per nacht',
  })
  @ApiQuery({ name: 'limiet', required: false })
  async lijst(
    @Query(new ZodQuery(rondesQuery)) q: z.infer<typeof rondesQuery>,
  ): Promise<{ schedule: NachtelijkeEscalatiesStatus | null; rondes: EscalatieRondeView[] }> {
    const [schedule, rijen] = await Promise.all([
      this.temporal('schedule-describe', () => beschrijfNachtelijkeEscalaties(this.client)),
      this.rondes.recent(q.limiet),
    ]);
    return { schedule, rondes: rijen };
  }

  @Post('pauze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pauzeer de nachtelijke ronde (bijv. tijdens een migratie); idempotent' })
  @ApiBody({ schema: openApiSchema(notitieBody) })
  async pauzeer(
    @Body(new ZodBody(notitieBody)) body: z.infer<typeof notitieBody>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<NachtelijkeEscalatiesStatus | null> {
    await this.temporal('schedule-pause', () =>
      pauzeerNachtelijkeEscalaties(this.client, `Gepauzeerd door ${gebruiker.sub}: ${body.reden}`),
    );
    await this.audit.schrijf({
      gebruiker,
      actie: 'escalatierondePauzeren',
      uitkomst: 'geaccepteerd',
      requestId,
    });
    return this.temporal('schedule-describe', () => beschrijfNachtelijkeEscalaties(this.client));
  }

  @Post('hervatten')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hervat de nachtelijke ronde; idempotent' })
  @ApiBody({ schema: openApiSchema(notitieBody) })
  async hervat(
    @Body(new ZodBody(notitieBody)) body: z.infer<typeof notitieBody>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<NachtelijkeEscalatiesStatus | null> {
    await this.temporal('schedule-unpause', () =>
      hervatNachtelijkeEscalaties(this.client, `Hervat door ${gebruiker.sub}: ${body.reden}`),
    );
    await this.audit.schrijf({
      gebruiker,
      actie: 'escalatierondeHervatten',
      uitkomst: 'geaccepteerd',
      requestId,
    });
    return this.temporal('schedule-describe', () => beschrijfNachtelijkeEscalaties(this.client));
  }

  @Post('start')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start nu een ronde (ook als de schedule gepauzeerd is); overgeslagen als er al een loopt',
  })
  async start(
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<{ gestart: true }> {
    await this.temporal('schedule-trigger', () => startNachtelijkeEscalatiesNu(this.client));
    await this.audit.schrijf({
      gebruiker,
      actie: 'escalatierondeStarten',
      uitkomst: 'geaccepteerd',
      requestId,
    });
    return { gestart: true };
  }

  private async temporal<T>(operatie: string, f: () => Promise<T>): Promise<T> {
    try {
      return await this.client.connection.withDeadline(Date.now() + 10_000, f);
    } catch (err) {
      this.metrieken.temporalFout(operatie, err);
      if ((err as { name?: string }).name === 'ScheduleNotFoundError') {
        throw new ProblemException(
          problem(
            409,
            'De schedule nachtelijke-escalaties bestaat nog niet; hij wordt gemaakt als de worker start.',
            {
              code: 'SCHEDULE_ONBEKEND',
            },
          ),
        );
      }
      throw temporalOnbereikbaar();
    }
  }
}
