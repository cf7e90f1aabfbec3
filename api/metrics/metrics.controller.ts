import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rollen } from '../auth';
import { Metrieken } from './metrieken';

@ApiTags('beheer')
@ApiBearerAuth()
@Rollen('operations', 'admin')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrieken: Metrieken) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary:
      'Prometheus-metrieken (token met rol operations of admin; zie README voor de scrape-configuratie)',
  })
  async metrics(): Promise<string> {
    return this.metrieken.registry.metrics();
  }
}
