import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { openApiSchema } from '../common/openapi';
import { ZodBody, ZodQuery } from '../common/zod-body.pipe';
import {
  AANBIEDER_LIJST_MAX,
  type AanbiederLijstQuery,
  aanbiederLijstSchema,
  type VoortgangBody,
  voortgangSchema,
} from './aanbieders.dto';
import { type AanbiederLijst, AanbiedersService, type AanbiederTrajectView } from './aanbieders.service';

@ApiTags('aanbieders')
@ApiBearerAuth()
@Rollen('taalaanbieder')
@Controller('api/v1/aanbieders')
export class AanbiedersController {
  constructor(private readonly aanbieders: AanbiedersService) {}

  @Post('voortgang')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Taalaanbieder: lesuren, verzuim en tussentoetsen van één traject in één ISO-week',
    description:
      'Alleen voor een traject waarin uw organisatie lesgeeft (anders 404, net als een onbekend traject). Idempotent per traject en week: dezelfde melding nogmaals telt één keer (200), een correctie van de week vervangt de vorige melding (201). De lesuren tellen mee voor de 600 uur van afschalen (T10).',
  })
  @ApiBody({ schema: openApiSchema(voortgangSchema) })
  @ApiResponse({ status: 201, description: 'Verwerkt' })
  @ApiResponse({ status: 200, description: 'Deze melding was al verwerkt' })
  @ApiResponse({ status: 404, description: 'Onbekend traject, of een traject waarin u geen les geeft' })
  async voortgang(
    @Body(new ZodBody(voortgangSchema)) body: VoortgangBody,
    @Res({ passthrough: true }) res: Response,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<{ toegepast: boolean; traject: AanbiederTrajectView }> {
    const uit = await this.aanbieders.registreer(body, gebruiker, requestId);
    res.status(uit.toegepast ? 201 : 200);
    return uit;
  }

  @Get('trajecten')
  @ApiOperation({ summary: 'Taalaanbieder: de lopende trajecten waarin uw organisatie lesgeeft' })
  @ApiQuery({ name: 'limiet', required: false, description: `1–${AANBIEDER_LIJST_MAX}, standaard 50` })
  @ApiQuery({ name: 'cursor', required: false })
  lijst(
    @Query(new ZodQuery(aanbiederLijstSchema)) query: AanbiederLijstQuery,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<AanbiederLijst> {
    return this.aanbieders.lijst(query, gebruiker);
  }

  @Get('trajecten/:id')
  @ApiOperation({
    summary: 'Taalaanbieder: leerroute, taaldoelen en uw weekmeldingen van een traject waarin u lesgeeft',
  })
  @ApiResponse({ status: 404, description: 'Onbekend traject, of een traject waarin u geen les geeft' })
  haalOp(
    @Param('id') id: string,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<AanbiederTrajectView> {
    return this.aanbieders.haalOp(id, gebruiker);
  }
}
