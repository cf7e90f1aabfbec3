import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { openApiSchema } from '../common/openapi';
import { ZodBody } from '../common/zod-body.pipe';
import { type Batch, batchSchema, besluitItem, examenresultaatItem, MAX_ITEMS } from './feeds.dto';
import type { LeveringAntwoord } from './levering';
import { AsynchroonMogelijk, leverOfNeemAan } from './leveringen.controller';
import { FeedLeveringService, type LeveringOntvangen } from './leveringen.service';

const BESCHRIJVING = `Hoogstens ${MAX_ITEMS} items per levering. Elk item wordt als Signal aan de workflow van het traject afgeleverd, met een vaste commandId afgeleid van het item (DUO-referentie, of de inhoud): dezelfde levering opnieuw sturen telt één keer. Antwoord per item: afgeleverd, ongeldig (met fouten), onbekend_traject, afgesloten; 503 met Retry-After als Temporal een deel niet aannam (stuur dan alles opnieuw).`;

@ApiTags('feeds')
@ApiBearerAuth()
@Rollen('feed')
@Controller('api/v1/feeds/duo')
export class FeedsController {
  constructor(private readonly leveringen: FeedLeveringService) {}

  @Post('examenresultaten')
  @HttpCode(200)
  @ApiOperation({ summary: 'DUO: examenresultaten (per item één resultaat)', description: BESCHRIJVING })
  @ApiBody({
    schema: openApiSchema(z.strictObject({ items: z.array(examenresultaatItem).min(1).max(MAX_ITEMS) })),
  })
  @ApiResponse({ status: 200, description: 'Per item het resultaat' })
  @AsynchroonMogelijk()
  examenresultaten(
    @Body(new ZodBody(batchSchema)) body: Batch,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeveringAntwoord | LeveringOntvangen> {
    return leverOfNeemAan(
      this.leveringen,
      'duo-examenresultaten',
      { items: body.items, gebruiker, requestId },
      prefer,
      res,
    );
  }

  @Post('besluiten')
  @HttpCode(200)
  @ApiOperation({
    summary: 'DUO: besluiten (verlenging, ontheffing, vooraankondiging, boete; per item één resultaat)',
    description: BESCHRIJVING,
  })
  @ApiBody({ schema: openApiSchema(z.strictObject({ items: z.array(besluitItem).min(1).max(MAX_ITEMS) })) })
  @ApiResponse({ status: 200, description: 'Per item het resultaat' })
  @AsynchroonMogelijk()
  besluiten(
    @Body(new ZodBody(batchSchema)) body: Batch,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeveringAntwoord | LeveringOntvangen> {
    return leverOfNeemAan(
      this.leveringen,
      'duo-besluiten',
      { items: body.items, gebruiker, requestId },
      prefer,
      res,
    );
  }
}
