import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { isKwartaal, type Kwartaal } from '../../domain/rapportage';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { gemeenteFilter } from '../common/query';
import { ZodQuery } from '../common/zod-body.pipe';
import { type Cohort, type GemeenteOverzicht, RapportageService } from './rapportage.service';

const overzichtQuery = z.strictObject({ gemeente: gemeenteFilter });
const cohortenQuery = z.strictObject({
  gemeente: gemeenteFilter,
  van: z.iso.date({ message: 'van is een datum JJJJ-MM-DD' }).optional(),
  tot: z.iso.date({ message: 'tot is een datum JJJJ-MM-DD' }).optional(),
});
const cbsQuery = z.strictObject({
  gemeente: gemeenteFilter,
  kwartaal: z
    .string({ message: 'kwartaal is verplicht, bijv. 2026Q3' })
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
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.rapportage.cbsSwi(gebruiker, q.kwartaal as Kwartaal, q.gemeente);
    const wie = gebruiker.gemeente ?? q.gemeente ?? 'alle';
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="cbs-swi-${wie}-${q.kwartaal}.csv"`);
    return csv;
  }
}
