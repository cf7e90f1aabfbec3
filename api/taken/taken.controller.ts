import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker } from '../auth';
import { ZodQuery } from '../common/zod-body.pipe';
import { type TakenQuery, takenQuerySchema } from './taken.dto';
import { type TaakLijstItem, type TaakView, TakenService } from './taken.service';

@ApiTags('taken')
@ApiBearerAuth()
@Controller('api/v1/taken')
export class TakenController {
  constructor(private readonly taken: TakenService) {}

  @Get()
  @ApiOperation({
    summary: 'Taken, waarschuwingen en escalaties van uw gemeente, eerst vervallend eerst',
    description:
      "Een casemanager ziet standaard de eigen taken (casemanager=ik); een teamleider of beheerder de hele gemeente (casemanager=alle). Geef 'volgende' mee als cursor voor de volgende pagina.",
  })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'afgerond', 'vervallen'] })
  @ApiQuery({ name: 'actie', required: false, enum: ['taak', 'waarschuwing', 'escalatie'] })
  @ApiQuery({ name: 'ontvanger', required: false, enum: ['casemanager', 'teamleider'] })
  @ApiQuery({ name: 'casemanager', required: false, description: "medewerker-id, 'ik', 'geen' of 'alle'" })
  @ApiQuery({ name: 'trajectId', required: false })
  @ApiQuery({ name: 'vervaltVoor', required: false })
  @ApiQuery({ name: 'limiet', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  lijst(
    @Query(new ZodQuery(takenQuerySchema)) query: TakenQuery,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<{ items: TaakLijstItem[]; volgende: string | null }> {
    return this.taken.lijst(query, gebruiker, requestId);
  }

  @Post(':id/afronden')
  @HttpCode(200)
  @ApiOperation({ summary: 'Een taak afronden (idempotent: nogmaals afronden geeft hetzelfde antwoord)' })
  @ApiResponse({ status: 404, description: 'Onbekende taak (problem+json)' })
  @ApiResponse({ status: 409, description: 'De taak is vervallen (problem+json)' })
  rondAf(
    @Param('id') id: string,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<TaakView> {
    return this.taken.rondAf(id, gebruiker, requestId);
  }
}
