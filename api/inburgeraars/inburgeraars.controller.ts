import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { bsnSchema, type PersoonCorrectie, persoonCorrectieSchema } from '../../domain/persoon';
import { RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { openApiSchema } from '../common/openapi';
import { ProblemException, problem } from '../common/problem';
import { ZodBody } from '../common/zod-body.pipe';
import { UUID } from '../trajecten/traject-id';
import { InburgeraarService, type InburgeraarView } from './inburgeraars.service';

const zoekBody = z.strictObject({ bsn: bsnSchema });

function vereisId(id: string): string {
  if (!UUID.test(id)) {
    throw new ProblemException(
      problem(404, 'Er is geen inburgeraar met deze id.', { code: 'INBURGERAAR_ONBEKEND' }),
    );
  }
  return id;
}

/**
 * The person register for the gemeente's staff who need it. The BSN travels only in bodies (never in
 * a URL or a log); every read and change is in the processing log (GET /api/v1/verwerkingen).
 */
@ApiTags('inburgeraars')
@ApiBearerAuth()
@Rollen('casemanager', 'teamleider', 'admin')
@Controller('api/v1/inburgeraars')
export class InburgeraarsController {
  constructor(private readonly inburgeraars: InburgeraarService) {}

  @Post('zoeken')
  @HttpCode(200)
  @ApiOperation({ summary: 'Zoek een inburgeraar op BSN (in de body, nooit in de URL)' })
  @ApiBody({ schema: openApiSchema(zoekBody) })
  zoek(
    @Body(new ZodBody(zoekBody)) body: z.infer<typeof zoekBody>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<InburgeraarView[]> {
    return this.inburgeraars.zoek(body.bsn, gebruiker, requestId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Een inburgeraar: naam, BSN, contact, huishouden, trajecten' })
  @ApiResponse({ status: 404, description: 'Onbekend, of niet van uw gemeente (problem+json)' })
  haalOp(
    @Param('id') id: string,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<InburgeraarView> {
    return this.inburgeraars.haalOp(vereisId(id), gebruiker, requestId);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Corrigeer naam, contact of taal; oude en nieuwe waarde blijven (versleuteld) bewaard',
  })
  @ApiBody({ schema: openApiSchema(persoonCorrectieSchema) })
  corrigeer(
    @Param('id') id: string,
    @Body(new ZodBody(persoonCorrectieSchema)) body: PersoonCorrectie,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<InburgeraarView> {
    return this.inburgeraars.corrigeer(vereisId(id), body, gebruiker, requestId);
  }
}
