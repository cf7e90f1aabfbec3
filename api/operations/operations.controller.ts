import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { ZodQuery } from '../common/zod-body.pipe';
import {
  type GeschiedenisQuery,
  geschiedenisQuerySchema,
  type WorkflowsQuery,
  workflowsQuerySchema,
} from './operations.dto';
import { type GeschiedenisPagina, OperationsService, type WorkflowPagina } from './operations.service';

@ApiTags('operations')
@ApiBearerAuth()
@Rollen('operations')
@Controller('api/v1/operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get('workflows')
  @ApiOperation({
    summary: 'Workflows uit Temporal-visibility, gefilterd op de zoekattributen (rol operations)',
    description: "Geef 'volgende' mee als cursor voor de volgende pagina.",
  })
  @ApiQuery({ name: 'type', required: false, enum: ['trajectWorkflow', 'escalatieRondeWorkflow'] })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'gemeente', required: false })
  @ApiQuery({ name: 'fase', required: false })
  @ApiQuery({ name: 'leerroute', required: false })
  @ApiQuery({ name: 'doelgroep', required: false })
  @ApiQuery({ name: 'casemanager', required: false })
  @ApiQuery({ name: 'volgendeDeadlineVoor', required: false })
  @ApiQuery({ name: 'limiet', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  workflows(
    @Query(new ZodQuery(workflowsQuerySchema)) query: WorkflowsQuery,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<WorkflowPagina> {
    return this.operations.workflows(query, gebruiker);
  }

  @Get('trajecten/:id/geschiedenis')
  @ApiOperation({
    summary:
      'De Temporal-geschiedenis van een traject, leesbaar: commando’s en door wie, timers, activiteiten en pogingen',
    description:
      "Standaard de huidige run; geef runId mee voor een eerdere (zie details.vorigeRunId van het eerste event). alles=true toont ook de workflow-taken. Cursor: 'volgende' uit het vorige antwoord.",
  })
  @ApiResponse({ status: 404, description: 'Onbekend traject (problem+json)' })
  geschiedenis(
    @Param('id') id: string,
    @Query(new ZodQuery(geschiedenisQuerySchema)) query: GeschiedenisQuery,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<GeschiedenisPagina> {
    return this.operations.geschiedenis(id, query, gebruiker, requestId);
  }
}
