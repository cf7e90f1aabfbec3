import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { pingDatabase } from '../../platform/persistence/repositories';
import { Publiek } from '../auth';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';

type Check = 'ok' | 'onbereikbaar';

@ApiTags('beheer')
@Publiek()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Bereikbaarheid van Postgres en Temporal' })
  async health(
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ status: Check; postgres: Check; temporal: Check }> {
    const [postgres, temporal] = await Promise.all([
      pingDatabase(this.dataSource)
        .then((): Check => 'ok')
        .catch((): Check => 'onbereikbaar'),
      this.client.connection
        .withDeadline(Date.now() + 3000, () => this.client.workflowService.getSystemInfo({}))
        .then((): Check => 'ok')
        .catch((): Check => 'onbereikbaar'),
    ]);
    const status: Check = postgres === 'ok' && temporal === 'ok' ? 'ok' : 'onbereikbaar';
    res.status(status === 'ok' ? 200 : 503);
    return { status, postgres, temporal };
  }
}
