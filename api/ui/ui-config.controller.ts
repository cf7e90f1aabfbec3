import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Publiek } from '../auth';
import type { UiConfig } from './ui-config';

export const UI_CONFIG = Symbol('UI_CONFIG');

@ApiTags('ui')
@Controller('api/v1/ui')
export class UiConfigController {
  constructor(@Inject(UI_CONFIG) private readonly config: UiConfig) {}

  @Get('config')
  @Publiek()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Wat de webapplicatie vóór het aanmelden nodig heeft: de manier van aanmelden' })
  get(): UiConfig {
    return this.config;
  }
}
