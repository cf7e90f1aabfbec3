import { once } from 'node:events';
import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { isKwartaal, KWARTAAL_PATROON, type Kwartaal } from '../../domain/rapportage';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { gemeenteFilter } from '../common/query';
import { ZodQuery } from '../common/zod-body.pipe';
import { type Cohort, type GemeenteOverzicht, RapportageService } from './rapportage.service';

export const overzichtQuery = z.strictObject({ gemeente: gemeenteFilter });
export const cohortenQuery = z.strictObject({
  gemeente: gemeenteFilter,
  van: z.iso.date({ message: 'van is een datum JJJJ-MM-DD' }).optional(),
  tot: z.iso.date({ message: 'tot is een datum JJJJ-MM-DD' }).optional(),
});
export const cbsQuery = z.strictObject({
  gemeente: gemeenteFilter,
  kwartaal: z
    .string({ message: 'kwartaal is verplicht, bijv. 2026Q3' })
    .regex(KWARTAAL_PATROON, 'kwartaal is een jaar (2000–2099) en kwartaal, bijv. 2026Q3')
    .refine(isKwartaal, 'kwartaal is een jaar en kwartaal, bijv. 2026Q3'),
});

/**
 * The overview for team leads and the CBS export. Staff see their own gemeente (a `gemeente`
 * parameter is only honoured for operations without one in the token).
 */
@ApiTags('rapportage')
@ApiBearerAuth()
@Rollen('teamleider', 'admin', 'operations')
@Controller('api/v1/rapportage')
export class RapportageController {
  constructor(private readonly rapportage: RapportageService) {}

  @Get('overzicht')
  @ApiOperation({
    summary:
      'Per gemeente: aantallen per fase, route en doelgroep; aandeel PIP binnen 10 weken; escalaties en caseload per casemanager',
  })
  @ApiQuery({ name: 'gemeente', required: false, description: 'alleen voor operations zonder gemeente' })
  overzicht(
    @Query(new ZodQuery(overzichtQuery)) q: z.infer<typeof overzichtQuery>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<{ gemeenten: GemeenteOverzicht[] }> {
    return this.rapportage.overzicht(gebruiker, q.gemeente);
  }

  @Get('cohorten')
  @ApiOperation({
    summary:
      'Per maand van kennisgeving: tijd tot PIP, tijd tot voldaan, slagingspercentage per examenonderdeel, uitstroom per reden',
  })
  @ApiQuery({ name: 'van', required: false })
  @ApiQuery({ name: 'tot', required: false })
  @ApiQuery({ name: 'gemeente', required: false })
  cohorten(
    @Query(new ZodQuery(cohortenQuery)) q: z.infer<typeof cohortenQuery>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<{ gemeente: string | null; cohorten: Cohort[] }> {
    return this.rapportage.cohorten(gebruiker, q);
  }

  @Get('cbs-swi')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'CSV voor de Statistiek Wet Inburgering (CBS) per kwartaal: feiten per traject, zonder namen of BSN',
  })
  @ApiQuery({ name: 'kwartaal', required: true, example: '2026Q3' })
  @ApiQuery({ name: 'gemeente', required: false })
  async cbsSwi(
    @Query(new ZodQuery(cbsQuery)) q: z.infer<typeof cbsQuery>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @Res() res: Response,
  ): Promise<void> {
    // Streamed page by page (issue 13); the first page is read before any header is sent, so a
    // database that is down is still a 503 problem.
    const stroom = this.rapportage.cbsSwiStroom(gebruiker, q.kwartaal as Kwartaal, q.gemeente);
    const eerste = await stroom.next();
    const wie = gebruiker.gemeente ?? q.gemeente ?? 'alle';
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="cbs-swi-${wie}-${q.kwartaal}.csv"`);
    if (!eerste.done) res.write(eerste.value);
    try {
      for await (const deel of stroom) {
        if (!res.write(deel)) await once(res, 'drain');
      }
      res.end();
    } catch {
      // Half a file must not look whole: break the connection (the client sees an incomplete download).
      res.destroy();
    }
  }
}
