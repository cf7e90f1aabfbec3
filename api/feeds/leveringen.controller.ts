import { applyDecorators, Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import type { LeveringAntwoord } from './levering';
import {
  FeedLeveringService,
  type FeedSoort,
  type LeveringOntvangen,
  type LeveringStatusView,
} from './leveringen.service';

/** RFC 7240: does the client prefer an asynchronous answer (`Prefer: respond-async`, among others)? */
export function wilAsynchroon(prefer: string | undefined): boolean {
  return (prefer ?? '').split(',').some((p) => p.split(';')[0].trim().toLowerCase() === 'respond-async');
}

/**
 * One feed endpoint's answer: with `Prefer: respond-async` the batch is stored and answered 202
 * (Location: its status URL, Preference-Applied), else it is delivered now (200, or 503 per item).
 */
export async function leverOfNeemAan(
  leveringen: FeedLeveringService,
  soort: FeedSoort,
  verzoek: { items: unknown[]; gebruiker: AangemeldeGebruiker; requestId: string },
  prefer: string | undefined,
  res: Response,
): Promise<LeveringAntwoord | LeveringOntvangen> {
  const { items, gebruiker, requestId } = verzoek;
  if (!wilAsynchroon(prefer)) return leveringen.lever(soort, items, gebruiker, requestId);
  const ontvangen = await leveringen.neemAan(soort, items, gebruiker, requestId);
  res.status(202).location(ontvangen.statusUrl).setHeader('Preference-Applied', 'respond-async');
  return ontvangen;
}

/** The OpenAPI of the asynchronous variant, shared by every feed endpoint. */
export function AsynchroonMogelijk(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Prefer',
      required: false,
      description:
        'respond-async: de levering wordt opgeslagen en met 202 bevestigd (binnen een seconde, ook bij 1.000 items); de resultaten per item staan daarna onder de Location (GET /api/v1/feeds/{bron}/leveringen/{id}). Zonder: afleveren en per item antwoorden (200).',
      schema: { type: 'string', enum: ['respond-async'] },
    }),
    ApiResponse({
      status: 202,
      description:
        'Opgeslagen (Prefer: respond-async); Location wijst naar de status. Niets gaat verloren, ook niet als een proces stopt.',
    }),
  );
}

const STATUS = {
  summary:
    'De status van een asynchrone levering (Prefer: respond-async) en, als die klaar is, het resultaat per item',
  description:
    'status in_behandeling: nog niet alles afgeleverd (Retry-After zegt wanneer opnieuw kijken; pogingen > 1: Temporal nam eerder niet alles aan, het wordt vanzelf opnieuw geprobeerd). status klaar: afgeleverd en resultaten zoals het synchrone antwoord. Alleen voor de feed-client die de levering stuurde; elke bron leest onder haar eigen pad.',
};

/** The status URLs, one per source: a feed client calls only its own source's routes (auth guard). */
@ApiTags('feeds')
@ApiBearerAuth()
@Rollen('feed')
@Controller('api/v1/feeds')
export class FeedLeveringenController {
  constructor(private readonly leveringen: FeedLeveringService) {}

  @Get('duo/leveringen/:id')
  @ApiOperation(STATUS)
  @StatusAntwoorden()
  duo(
    @Param('id') id: string,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeveringStatusView> {
    return this.status(id, gebruiker, res);
  }

  @Get('coa/leveringen/:id')
  @ApiOperation(STATUS)
  @StatusAntwoorden()
  coa(
    @Param('id') id: string,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeveringStatusView> {
    return this.status(id, gebruiker, res);
  }

  @Get('brp/leveringen/:id')
  @ApiOperation(STATUS)
  @StatusAntwoorden()
  brp(
    @Param('id') id: string,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeveringStatusView> {
    return this.status(id, gebruiker, res);
  }

  private async status(
    id: string,
    gebruiker: AangemeldeGebruiker,
    res: Response,
  ): Promise<LeveringStatusView> {
    const status = await this.leveringen.status(id, gebruiker);
    if (status.status === 'in_behandeling') res.setHeader('Retry-After', '1');
    return status;
  }
}

function StatusAntwoorden(): MethodDecorator {
  return applyDecorators(
    ApiResponse({ status: 200, description: 'De status, en zo nodig de resultaten' }),
    ApiResponse({ status: 404, description: 'Onbekende levering, of van een andere client (problem+json)' }),
  );
}
