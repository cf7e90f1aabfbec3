import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { openApiSchema } from '../common/openapi';
import { ZodBody } from '../common/zod-body.pipe';
import { type Batch, batchSchema, MAX_ITEMS } from './feeds.dto';
import { kennisgevingItem, koppelingItem, mutatieItem } from './keten.dto';
import type { LeveringAntwoord } from './levering';
import { AsynchroonMogelijk, leverOfNeemAan } from './leveringen.controller';
import { FeedLeveringService, type LeveringOntvangen } from './leveringen.service';

const BESCHRIJVING = `Hoogstens ${MAX_ITEMS} items per levering; alleen voor een feed-client van deze bron (token: rol feed, claim bron). De commandId van een item is de eigen referentie van de bron: dezelfde levering opnieuw sturen telt één keer. Het BSN staat alleen in de body en wordt via de blinde index opgezocht. Antwoord per item: aangemaakt, bestaand, afgeleverd, afgewezen (met code), ongeldig (met fouten; ook een gemeente die deze client niet bedient), onbekend_traject, afgesloten; 503 met Retry-After en de resultaten als Temporal een deel niet aannam (stuur dan alles opnieuw).`;

const envelop = (item: z.ZodType) => ({
  schema: openApiSchema(z.strictObject({ items: z.array(item).min(1).max(MAX_ITEMS) })),
});

@ApiTags('feeds')
@ApiBearerAuth()
@Rollen('feed')
@Controller('api/v1/feeds/duo')
export class DuoKennisgevingenController {
  constructor(private readonly leveringen: FeedLeveringService) {}

  @Post('kennisgevingen')
  @HttpCode(200)
  @ApiOperation({
    summary: 'DUO: kennisgevingen (start het traject met de persoon, of meldt het lopende traject)',
    description: BESCHRIJVING,
  })
  @ApiBody(envelop(kennisgevingItem))
  @ApiResponse({ status: 200, description: 'Per item het resultaat' })
  @AsynchroonMogelijk()
  kennisgevingen(
    @Body(new ZodBody(batchSchema)) body: Batch,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeveringAntwoord | LeveringOntvangen> {
    return leverOfNeemAan(
      this.leveringen,
      'duo-kennisgevingen',
      { items: body.items, gebruiker, requestId },
      prefer,
      res,
    );
  }
}

@ApiTags('feeds COA')
@ApiBearerAuth()
@Rollen('feed')
@Controller('api/v1/feeds/coa')
export class CoaKoppelingenController {
  constructor(private readonly leveringen: FeedLeveringService) {}

  @Post('koppelingen')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'COA: koppelingen (koppelt of start het traject van de asielstatushouder; taak overdrachtsgesprek plannen)',
    description: BESCHRIJVING,
  })
  @ApiBody(envelop(koppelingItem))
  @ApiResponse({ status: 200, description: 'Per item het resultaat' })
  @AsynchroonMogelijk()
  koppelingen(
    @Body(new ZodBody(batchSchema)) body: Batch,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeveringAntwoord | LeveringOntvangen> {
    return leverOfNeemAan(
      this.leveringen,
      'coa-koppelingen',
      { items: body.items, gebruiker, requestId },
      prefer,
      res,
    );
  }
}

@ApiTags('feeds BRP')
@ApiBearerAuth()
@Rollen('feed')
@Controller('api/v1/feeds/brp')
export class BrpMutatiesController {
  constructor(private readonly leveringen: FeedLeveringService) {}

  @Post('mutaties')
  @HttpCode(200)
  @ApiOperation({
    summary: 'BRP: mutaties (inschrijving, verhuizing met warme overdracht, overlijden, emigratie)',
    description: BESCHRIJVING,
  })
  @ApiBody(envelop(mutatieItem))
  @ApiResponse({ status: 200, description: 'Per item het resultaat' })
  @AsynchroonMogelijk()
  mutaties(
    @Body(new ZodBody(batchSchema)) body: Batch,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeveringAntwoord | LeveringOntvangen> {
    return leverOfNeemAan(
      this.leveringen,
      'brp-mutaties',
      { items: body.items, gebruiker, requestId },
      prefer,
      res,
    );
  }
}
