import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandoResultaat, TijdlijnRegel } from '../../contract/traject-workflow';
import { ROUTE_FEITEN, ROUTE_UITVOERDERS } from '../../domain/route';
import { RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker } from '../auth';
import { bronCommandId } from '../common/beveiliging';
import { openApiSchema } from '../common/openapi';
import { ProblemException, problem } from '../common/problem';
import { ZodBody, ZodQuery } from '../common/zod-body.pipe';
import { type AanmeldingBody, aanmeldingSchema, COMMAND_ID_PATROON, commandIdSchema } from './aanmelding.dto';
import { COMMANDO_ROUTES, isCommandoRoute } from './commandos.dto';
import { type LijstQuery, lijstQuerySchema, SORTEERVELDEN } from './lijst.dto';
import { type RouteView, TrajectenService, type TrajectView } from './trajecten.service';
import { TrajectenLijstService, type TrajectLijst } from './trajecten-lijst.service';
import { type ProefView, TrajectUitlegService } from './uitleg.service';

const datumOfNull = { type: 'string', format: 'date', nullable: true };

/** The answer of GET /trajecten/:id/route (domain/traject/route.ts: RouteOverzicht). */
const ROUTE_VIEW_SCHEMA = {
  type: 'object',
  required: ['id', 'route', 'bron'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    bron: { type: 'string', nullable: true, description: 'Herkomst van de stappen van de route' },
    route: {
      type: 'object',
      nullable: true,
      required: ['id', 'versie', 'stappen', 'afgerond', 'totaal'],
      properties: {
        id: { type: 'string', example: 'denhaag-asielstatushouder' },
        versie: { type: 'integer', description: 'De versie die het traject bij de start vastlegde' },
        afgerond: { type: 'integer' },
        totaal: { type: 'integer' },
        stappen: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'naam', 'wie', 'feit', 'status', 'uiterlijk', 'afgerond'],
            properties: {
              id: { type: 'string', example: 'brugklas' },
              naam: { type: 'string' },
              wie: { type: 'string', enum: [...ROUTE_UITVOERDERS] },
              feit: { type: 'string', enum: [...ROUTE_FEITEN, null], nullable: true },
              status: { type: 'string', enum: ['afgerond', 'open', 'te_laat'] },
              uiterlijk: datumOfNull,
              afgerond: {
                type: 'object',
                nullable: true,
                properties: {
                  datum: { type: 'string', format: 'date' },
                  bron: { type: 'string', enum: ['registratie', 'feit'] },
                  door: { type: 'string', nullable: true, description: 'Medewerker-id (bij registratie)' },
                },
              },
            },
          },
        },
      },
    },
  },
};

@ApiTags('trajecten')
@ApiBearerAuth()
@Controller('api/v1/trajecten')
export class TrajectenController {
  constructor(
    private readonly trajecten: TrajectenService,
    private readonly lijstService: TrajectenLijstService,
    private readonly uitleg: TrajectUitlegService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Aanmelding: start een traject na de kennisgeving van DUO',
    description:
      'Idempotent op commandId (in de body of als Idempotency-Key): hetzelfde commando nogmaals geeft hetzelfde traject (200).',
  })
  @ApiBody({ schema: openApiSchema(aanmeldingSchema) })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'De commandId, als die niet in de body staat: één van beide is verplicht (anders 400 COMMAND_ID_ONTBREEKT).',
    schema: { type: 'string', pattern: COMMAND_ID_PATROON },
  })
  @ApiResponse({ status: 201, description: 'Traject gestart' })
  @ApiResponse({ status: 200, description: 'Dit commando was al verwerkt; het bestaande traject' })
  @ApiResponse({ status: 400, description: 'Ongeldige invoer (problem+json)' })
  @ApiResponse({ status: 422, description: 'In strijd met een regel (problem+json)' })
  async meldAan(
    @Body(new ZodBody(aanmeldingSchema)) body: AanmeldingBody,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<TrajectView> {
    const sleutel = this.sleutel(idempotencyKey);
    const commandId = this.commandId(body.commandId ?? sleutel);
    const { aangemaakt, traject } = await this.trajecten.meldAan(body, commandId, gebruiker, requestId);
    res.status(aangemaakt ? 201 : 200).location(`/api/v1/trajecten/${traject.id}`);
    return traject;
  }

  @Get()
  @ApiOperation({
    summary: 'Trajecten van uw gemeente uit het leesmodel: filteren, sorteren, bladeren met een cursor',
    description: `Sorteer op ${SORTEERVELDEN.join(', ')} (met '-' ervoor aflopend); zonder datum achteraan. Geef 'volgende' uit het antwoord mee als cursor voor de volgende pagina. casemanager: een medewerker-id, 'ik' of 'geen'.`,
  })
  @ApiQuery({ name: 'fase', required: false })
  @ApiQuery({ name: 'leerroute', required: false })
  @ApiQuery({ name: 'doelgroep', required: false })
  @ApiQuery({ name: 'casemanager', required: false })
  @ApiQuery({ name: 'deadlineVoor', required: false, description: 'volgende deadline vóór deze datum' })
  @ApiQuery({ name: 'termijnOverschreden', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'afgesloten', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'sorteer', required: false })
  @ApiQuery({ name: 'limiet', required: false, description: '1–200, standaard 50' })
  @ApiQuery({ name: 'cursor', required: false })
  lijst(
    @Query(new ZodQuery(lijstQuerySchema)) query: LijstQuery,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<TrajectLijst> {
    return this.lijstService.lijst(query, gebruiker, requestId);
  }

  @Get(':id/tijdlijn')
  @ApiOperation({ summary: 'De tijdlijn van een traject: wat er gebeurde en wat gepland staat' })
  @ApiResponse({ status: 404, description: 'Onbekend traject (problem+json)' })
  tijdlijn(
    @Param('id') id: string,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<{ id: string; regels: TijdlijnRegel[] }> {
    return this.trajecten.tijdlijn(id, gebruiker);
  }

  @Get(':id/route')
  @ApiOperation({
    summary: 'De route van de gemeente: de stappen van het traject als afvinklijst',
    description:
      'Per stap: wie hem doet, de status (afgerond, open of te_laat), de laatste dag (uiterlijk, null zonder termijn of zolang het feit waarvan hij telt ontbreekt) en hoe hij is afgerond: door de casemanager (registratie, met wie) of door een feit uit het regelboek (feit). route is null voor een traject zonder route. Afvinken: POST /api/v1/trajecten/{id}/routestappen. Een open stap na zijn laatste dag wordt in de nachtelijke ronde één taak (routestap-te-laat).',
  })
  @ApiResponse({ status: 200, description: 'De afvinklijst', schema: ROUTE_VIEW_SCHEMA })
  @ApiResponse({ status: 404, description: 'Onbekend traject (problem+json)' })
  @ApiResponse({ status: 503, description: 'Temporal antwoordt niet; probeer opnieuw (problem+json)' })
  route(@Param('id') id: string, @Gebruiker() gebruiker: AangemeldeGebruiker): Promise<RouteView> {
    return this.trajecten.route(id, gebruiker);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Een traject: live status uit de workflow plus de rij uit het leesmodel' })
  @ApiResponse({ status: 404, description: 'Onbekend traject (problem+json)' })
  haalOp(
    @Param('id') id: string,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<TrajectView> {
    return this.trajecten.haalOp(id, gebruiker, requestId);
  }

  @Post(':id/:commando')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Een commando op een traject (intake, pip, examenresultaten, verlengingen, …)',
    description: `Commando's: ${Object.keys(COMMANDO_ROUTES).join(', ')}. Idempotent op commandId (body of Idempotency-Key). 409: past niet bij de toestand; 422: in strijd met een regel; 503: probeer opnieuw. Met ?proef=true een proefberekening: de deadlines en taken die het commando zou opleveren, zonder iets vast te leggen.`,
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiQuery({ name: 'proef', required: false, enum: ['true', 'false'] })
  async commando(
    @Param('id') id: string,
    @Param('commando') commando: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
    @Query('proef') proef?: string,
  ): Promise<CommandoResultaat | ProefView> {
    if (!isCommandoRoute(commando)) {
      throw new ProblemException(
        problem(404, `Onbekend commando '${commando}'.`, { code: 'COMMANDO_ONBEKEND' }),
      );
    }
    const velden = new ZodBody(COMMANDO_ROUTES[commando].schema).transform(body) as Record<string, unknown>;
    const sleutel = this.sleutel(idempotencyKey);
    if (proef !== undefined && proef !== 'true' && proef !== 'false') {
      throw new ProblemException(
        problem(400, 'proef is true of false.', {
          code: 'VALIDATIE',
          fouten: [{ veld: 'proef', melding: 'true of false' }],
        }),
      );
    }
    if (proef === 'true') {
      // A dry run applies nothing, so it needs no commandId of its own.
      const proefId = (velden.commandId as string | undefined) ?? sleutel ?? 'proefberekening';
      return this.uitleg.proef(id, commando, { ...velden, commandId: this.commandId(proefId) }, gebruiker);
    }
    const commandId = this.commandId((velden.commandId as string | undefined) ?? sleutel);
    return this.trajecten.voerUit(id, commando, { ...velden, commandId }, gebruiker, requestId);
  }

  /**
   * The Idempotency-Key header, when sent: held to the commandId's rules even when the body carries
   * the commandId (then the header is not used, but a malformed one is still bad input: 400).
   */
  private sleutel(waarde: string | undefined): string | undefined {
    if (waarde === undefined) return undefined;
    const parsed = commandIdSchema.safeParse(waarde);
    if (parsed.success) return parsed.data;
    const melding = parsed.error.issues[0].message.replace(/^commandId/, 'Idempotency-Key');
    throw new ProblemException(
      problem(400, melding, { code: 'VALIDATIE', fouten: [{ veld: 'Idempotency-Key', melding }] }),
    );
  }

  private commandId(waarde: string | undefined): string {
    if (waarde === undefined) {
      throw new ProblemException(
        problem(
          400,
          'Geef een commandId mee (in de body of als Idempotency-Key), zodat een herhaling één keer telt.',
          {
            code: 'COMMAND_ID_ONTBREEKT',
            fouten: [{ veld: 'commandId', melding: 'verplicht' }],
          },
        ),
      );
    }
    const parsed = commandIdSchema.safeParse(waarde);
    if (!parsed.success) {
      const melding = parsed.error.issues[0].message;
      throw new ProblemException(
        problem(400, melding, { code: 'VALIDATIE', fouten: [{ veld: 'commandId', melding }] }),
      );
    }
    // The server says where a command came from: a person through the API is always `ui:`.
    return bronCommandId('ui', parsed.data);
  }
}
