import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../platform/config';
import { pingDatabase } from '../../platform/persistence/repositories';
import { Publiek } from '../auth';
import { APP_CONFIG, DATA_SOURCE, TEMPORAL_CLIENT } from '../infrastructure/infrastructure.module';

type Check = 'ok' | 'onbereikbaar';

/**
 * A worker that polls re-polls at least every minute (long poll): one whose last poll is older than
 * this is gone (killed, or cut off), even though the server still lists it for a while.
 */
const WORKER_STIL_MS = 90_000;

export interface Gezondheid {
  status: Check;
  postgres: Check;
  temporal: Check;
  /** A worker polls the task queue (issue 13: /health says which part is down). */
  worker: Check;
}

@ApiTags('beheer')
@Publiek()
// Probes of load balancers and supervisors are not users: no rate limit.
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Bereikbaarheid van Postgres, Temporal en een worker (503 als er een ontbreekt)' })
  async health(@Res({ passthrough: true }) res: Response): Promise<Gezondheid> {
    const [postgres, temporalEnWorker] = await Promise.all([
      pingDatabase(this.dataSource)
        .then((): Check => 'ok')
        .catch((): Check => 'onbereikbaar'),
      this.temporalEnWorker(),
    ]);
    const { temporal: t, worker } = temporalEnWorker;
    const status: Check = postgres === 'ok' && t === 'ok' && worker === 'ok' ? 'ok' : 'onbereikbaar';
    res.status(status === 'ok' ? 200 : 503);
    if (status !== 'ok') res.setHeader('Retry-After', '5');
    return { status, postgres, temporal: t, worker };
  }

  private async temporalEnWorker(): Promise<{ temporal: Check; worker: Check }> {
    try {
      const { pollers } = await this.client.connection.withDeadline(Date.now() + 3000, () =>
        this.client.workflowService.describeTaskQueue({
          namespace: this.config.temporal.namespace,
          taskQueue: { name: this.config.temporal.taskQueue },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      );
      const nu = Date.now();
      const levend = pollers.some((p) => {
        const s = p.lastAccessTime?.seconds;
        return s !== undefined && s !== null && nu - Number(s) * 1000 < WORKER_STIL_MS;
      });
      return { temporal: 'ok', worker: levend ? 'ok' : 'onbereikbaar' };
    } catch {
      return { temporal: 'onbereikbaar', worker: 'onbereikbaar' };
    }
  }
}
