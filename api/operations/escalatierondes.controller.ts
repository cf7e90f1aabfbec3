import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { ReconciliatieUitkomst } from '../../contract/escalatie-ronde';
import type { AppConfig } from '../../platform/config';
import { EscalatieRondeRepository, type EscalatieRondeRij } from '../../platform/persistence/repositories';
import {
  beschrijfNachtelijkeEscalaties,
  hervatNachtelijkeEscalaties,
  type NachtelijkeEscalatiesStatus,
  pauzeerNachtelijkeEscalaties,
  startNachtelijkeEscalatiesNu,
} from '../../platform/temporal/nachtelijke-escalaties';
import { AuditService, RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker, isLandelijk, Rollen } from '../auth';
import { openApiSchema } from '../common/openapi';
import { ProblemException, problem, temporalOnbereikbaar } from '../common/problem';
import { limiet } from '../common/query';
import { ZodBody, ZodQuery } from '../common/zod-body.pipe';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';
import { Metrieken } from '../metrics/metrieken';

export const rondesQuery = z.strictObject({
  limiet: limiet(365, 30),
});

const notitieBody = z.strictObject({
  reden: z
    .string({ message: 'reden is verplicht: waarom (zonder persoonsgegevens)' })
    .min(3, 'reden is minstens 3 tekens')
    .max(200, 'reden is hoogstens 200 tekens'),
});

export type EscalatieRondeView = EscalatieRondeRij;

/** A night's record without traject ids (they may belong to any gemeente). */
function zonderIds(r: EscalatieRondeRij): EscalatieRondeView {
  return {
    ...r,
    fouten: r.fouten.map(({ trajectId: _t, ...f }) => f),
    reconciliatie:
      'bevindingen' in r.reconciliatie
        ? { ...(r.reconciliatie as ReconciliatieUitkomst), bevindingen: [] }
        : r.reconciliatie,
  };
}

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
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.scheduleId = config.escalatieronde.scheduleId;
  }

  /** The schedule this system's worker registers (configuration; `nachtelijke-escalaties` by default). */
  private readonly scheduleId: string;

  @Get()
  @ApiOperation({
    summary:
      'De nachtelijke escalatieronde: schedule (gepauzeerd?, volgende runs) en het resultaat per nacht',
  })
  @ApiQuery({ name: 'limiet', required: false })
  async lijst(
    @Query(new ZodQuery(rondesQuery)) q: z.infer<typeof rondesQuery>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<{ schedule: NachtelijkeEscalatiesStatus | null; rondes: EscalatieRondeView[] }> {
    const [schedule, rijen] = await Promise.all([
      this.temporal('schedule-describe', () => beschrijfNachtelijkeEscalaties(this.client, this.scheduleId)),
      this.rondes.recent(q.limiet),
    ]);
    // The run is national: without national scope, counts only, no traject ids (issue 13).
    return { schedule, rondes: isLandelijk(gebruiker) ? rijen : rijen.map(zonderIds) };
  }

  @Post('pauze')
  @HttpCode(200)
  @ApiResponse({ status: 403, description: 'Alleen met landelijk bereik (gemeente "*") (problem+json)' })
  @ApiOperation({ summary: 'Pauzeer de nachtelijke ronde (bijv. tijdens een migratie); idempotent' })
  @ApiBody({ schema: openApiSchema(notitieBody) })
  async pauzeer(
    @Body(new ZodBody(notitieBody)) body: z.infer<typeof notitieBody>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<NachtelijkeEscalatiesStatus | null> {
    await this.vereisLandelijk(gebruiker, 'escalatierondePauzeren', requestId);
    await this.temporal('schedule-pause', () =>
      pauzeerNachtelijkeEscalaties(
        this.client,
        `Gepauzeerd door ${gebruiker.sub}: ${body.reden}`,
        this.scheduleId,
      ),
    );
    await this.audit.schrijf({
      gebruiker,
      actie: 'escalatierondePauzeren',
      uitkomst: 'geaccepteerd',
      requestId,
    });
    return this.temporal('schedule-describe', () =>
      beschrijfNachtelijkeEscalaties(this.client, this.scheduleId),
    );
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
    await this.vereisLandelijk(gebruiker, 'escalatierondeHervatten', requestId);
    await this.temporal('schedule-unpause', () =>
      hervatNachtelijkeEscalaties(
        this.client,
        `Hervat door ${gebruiker.sub}: ${body.reden}`,
        this.scheduleId,
      ),
    );
    await this.audit.schrijf({
      gebruiker,
      actie: 'escalatierondeHervatten',
      uitkomst: 'geaccepteerd',
      requestId,
    });
    return this.temporal('schedule-describe', () =>
      beschrijfNachtelijkeEscalaties(this.client, this.scheduleId),
    );
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
    await this.vereisLandelijk(gebruiker, 'escalatierondeStarten', requestId);
    await this.temporal('schedule-trigger', () => startNachtelijkeEscalatiesNu(this.client, this.scheduleId));
    await this.audit.schrijf({
      gebruiker,
      actie: 'escalatierondeStarten',
      uitkomst: 'geaccepteerd',
      requestId,
    });
    return { gestart: true };
  }

  /** The nightly run covers every gemeente: only a national token (`gemeente: "*"`) may steer it. */
  private async vereisLandelijk(
    gebruiker: AangemeldeGebruiker,
    actie: string,
    requestId: string,
  ): Promise<void> {
    if (isLandelijk(gebruiker)) return;
    await this.audit.schrijf({
      gebruiker,
      actie,
      uitkomst: 'afgewezen',
      code: 'LANDELIJK_BEREIK_NODIG',
      requestId,
    });
    throw new ProblemException(
      problem(
        403,
        'De nachtelijke ronde geldt voor alle gemeenten: alleen een token met landelijk bereik (gemeente "*") mag haar pauzeren, hervatten of starten.',
        { code: 'LANDELIJK_BEREIK_NODIG' },
      ),
    );
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
