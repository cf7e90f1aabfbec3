import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ENV } from '../../platform/config';
import { EscalatieRondeRepository } from '../../platform/persistence/repositories';
import { isLandelijk, Publiek, TOKEN_VERIFIER, TokenFout, type TokenVerifier } from '../auth';
import { ProblemException, problem } from '../common/problem';
import { Metrieken } from './metrieken';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

function gelijk(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Prometheus metrics cover every gemeente (issue 13): for national operations (`rol operations`,
 * `gemeente: "*"`) or for the scraper's own token (METRICS_TOKEN, compared in constant time), not
 * for the admin of one gemeente.
 */
@ApiTags('beheer')
@ApiBearerAuth()
@Publiek()
@Controller('metrics')
export class MetricsController {
  private readonly scrapeToken = process.env[ENV.METRICS_TOKEN] || null;

  constructor(
    private readonly metrieken: Metrieken,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    rondes: EscalatieRondeRepository,
  ) {
    metrieken.meetNachtelijkeRonde(() => rondes.laatsteAfgerond());
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary:
      'Prometheus-metrieken: token met rol operations en landelijk bereik (gemeente "*"), of het scrape-token (METRICS_TOKEN)',
  })
  @ApiResponse({ status: 401, description: 'Geen of ongeldig token (problem+json)' })
  @ApiResponse({ status: 403, description: 'Geen landelijke operations-rol (problem+json)' })
  async metrics(@Headers('authorization') header: string | undefined): Promise<string> {
    await this.vereisToegang(header);
    return this.metrieken.registry.metrics();
  }

  private async vereisToegang(header: string | undefined): Promise<void> {
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token) {
      throw new ProblemException(
        problem(401, 'Meld u aan: stuur een Bearer-token in de Authorization-header.', {
          code: 'TOKEN_ONTBREEKT',
        }),
        { 'WWW-Authenticate': 'Bearer realm="inburgering"' },
      );
    }
    if (this.scrapeToken && gelijk(token, this.scrapeToken)) return;
    let landelijkeOperations = false;
    try {
      const gebruiker = await this.verifier.verifieer(token);
      landelijkeOperations = gebruiker.rol === 'operations' && isLandelijk(gebruiker);
    } catch (err) {
      if (!(err instanceof TokenFout)) throw err;
      throw new ProblemException(problem(401, err.detail, { code: 'TOKEN_ONGELDIG' }), {
        'WWW-Authenticate': 'Bearer realm="inburgering", error="invalid_token"',
      });
    }
    if (!landelijkeOperations) {
      throw new ProblemException(
        problem(
          403,
          'Metrieken zijn voor operations met landelijk bereik (gemeente "*") of het scrape-token.',
          {
            code: 'ROL_NIET_TOEGESTAAN',
          },
        ),
      );
    }
  }
}
