import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { openApiSchema } from '../common/openapi';
import { ZodBody } from '../common/zod-body.pipe';
import { type Batch, batchSchema, besluitItem, examenresultaatItem, MAX_ITEMS } from './feeds.dto';
import { type FeedAntwoord, FeedsService } from './feeds.service';

const BESCHRIJVING = `Hoogstens ${MAX_ITEMS} items per levering. Elk item wordt als Signal aan de workflow van het traject afgeleverd, met een vaste commandId afgeleid van het item (DUO-referentie, of de inhoud): dezelfde levering opnieuw sturen telt één keer. Antwoord per item: afgeleverd, ongeldig (met fouten), onbekend_traject, afgesloten; 503 met Retry-After als Temporal een deel niet aannam (stuur dan alles opnieuw).`;

@ApiTags('feeds')
@ApiBearerAuth()
@Rollen('feed')
@Controller('api/v1/feeds/duo')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Post('examenresultaten')
  @HttpCode(200)
  @ApiOperation({ summary: 'DUO: examenresultaten (per item één resultaat)', description: BESCHRIJVING })
  @ApiBody({
    schema: openApiSchema(z.strictObject({ items: z.array(examenresultaatItem).min(1).max(MAX_ITEMS) })),
  })
  @ApiResponse({ status: 200, description: 'Per item het resultaat' })
  examenresultaten(
    @Body(new ZodBody(batchSchema)) body: Batch,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<FeedAntwoord> {
    return this.feeds.examenresultaten(body.items, gebruiker, requestId);
  }

  @Post('besluiten')
  @HttpCode(200)
  @ApiOperation({
    summary: 'DUO: besluiten (verlenging, ontheffing, vooraankondiging, boete; per item één resultaat)',
    description: BESCHRIJVING,
  })
  @ApiBody({ schema: openApiSchema(z.strictObject({ items: z.array(besluitItem).min(1).max(MAX_ITEMS) })) })
  @ApiResponse({ status: 200, description: 'Per item het resultaat' })
  besluiten(
    @Body(new ZodBody(batchSchema)) body: Batch,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<FeedAntwoord> {
    return this.feeds.besluiten(body.items, gebruiker, requestId);
  }
}
