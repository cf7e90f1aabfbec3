import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type AangemeldeGebruiker, Gebruiker } from '../auth';
import { ZodQuery } from '../common/zod-body.pipe';
import { type OpenTakenTelling, TrajectUitlegService, type UitlegView } from './uitleg.service';

/** A uuid as z.uuid() takes it (versions 1–8 with the RFC variant, nil and max). */
const UUID_PATROON =
  '(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)';

const tellingQuery = z.strictObject({
  trajectIds: z
    .string({ message: 'trajectIds is verplicht: uuid’s gescheiden door komma’s' })
    // For the OpenAPI document: what the transform below accepts, as a pattern (empty parts are skipped).
    .meta({ pattern: `^,*(?:${UUID_PATROON}(?:,+|$)){0,200}$` })
    .transform((s) => s.split(',').filter((x) => x !== ''))
    .pipe(
      z
        .array(z.uuid({ message: 'trajectIds bevat alleen uuid’s' }))
        .max(200, 'hoogstens 200 trajectIds tegelijk'),
    ),
});

@ApiTags('trajecten')
@ApiBearerAuth()
@Controller()
export class UitlegController {
  constructor(private readonly uitleg: TrajectUitlegService) {}

  @Get('api/v1/trajecten/:id/uitleg')
  @ApiOperation({
    summary:
      'Waarom: de wettelijke grondslag (artikel en versie, of gemeentebeleid) van elke deadline en elk besluit, wat ontbreekt voor voldaan, en welke commando’s nu passen',
  })
  @ApiResponse({ status: 404, description: 'Onbekend traject (problem+json)' })
  haalOp(@Param('id') id: string, @Gebruiker() gebruiker: AangemeldeGebruiker): Promise<UitlegView> {
    return this.uitleg.uitleg(id, gebruiker);
  }

  @Get('api/v1/taken/telling')
  @ApiOperation({ summary: 'Open taken, waarschuwingen en escalaties per traject (voor de lijst)' })
  @ApiQuery({ name: 'trajectIds', required: true, description: 'uuid’s, gescheiden door komma’s (≤ 200)' })
  telling(
    @Query(new ZodQuery(tellingQuery)) q: z.infer<typeof tellingQuery>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<OpenTakenTelling[]> {
    return this.uitleg.openTakenPerTraject(q.trajectIds, gebruiker);
  }
}
