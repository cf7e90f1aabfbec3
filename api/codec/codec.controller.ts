import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import type { Response } from 'express';
import { z } from 'zod';
import { Sleutelkluis, VersleutelendeCodec } from '../../platform/crypto';
import { RequestId } from '../audit';
import { type AangemeldeGebruiker, Gebruiker, isLandelijk, landelijkBereikNodig, Rollen } from '../auth';
import { CODEC_COOKIE } from '../auth/auth.guard';
import { openApiSchema } from '../common/openapi';
import { ProblemException, problem } from '../common/problem';
import { ZodBody } from '../common/zod-body.pipe';
import { VerwerkingService } from '../verwerkingen/verwerking.service';

/** Temporal's remote codec protocol: payloads with base64 metadata values and data. */
const payloadsBody = z.strictObject({
  payloads: z
    .array(
      z.object({
        metadata: z.record(z.string(), z.string()).optional(),
        data: z.string().optional(),
      }),
    )
    .max(10_000),
});
type PayloadsJson = z.infer<typeof payloadsBody>;

const naarPayload = (p: PayloadsJson['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const naarJson = (p: Payload): PayloadsJson['payloads'][number] => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v as Uint8Array).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/** The people whose key a set of payloads is under (from the key reference in their metadata). */
function personen(payloads: PayloadsJson['payloads']): string[] {
  return payloads
    .map((p) => Buffer.from(p.metadata?.['encryption-key-id'] ?? '', 'base64').toString('utf8'))
    .filter((ref) => ref.startsWith('p:'))
    .map((ref) => ref.slice(2));
}

/**
 * The codec endpoint the Temporal Web UI calls (its "codec server"): national operations staff
 * (`gemeente: "*"`: a payload may be any gemeente's) see decoded histories there, everyone else sees
 * ciphertext. Every decode is in the processing log per person.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Rollen('operations')
@Controller('api/v1/codec')
export class CodecController {
  private readonly codec: VersleutelendeCodec;

  constructor(
    kluis: Sleutelkluis,
    private readonly verwerking: VerwerkingService,
  ) {
    this.codec = new VersleutelendeCodec(kluis);
  }

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ontsleutel payloads (Temporal remote codec); gelogd als verwerking' })
  @ApiBody({ schema: openApiSchema(payloadsBody) })
  async decode(
    @Body(new ZodBody(payloadsBody)) body: PayloadsJson,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
    @RequestId() requestId: string,
  ): Promise<PayloadsJson> {
    if (!isLandelijk(gebruiker)) throw landelijkBereikNodig('Ontsleutelen');
    const klaar = await this.codec.decode(body.payloads.map(naarPayload));
    await this.verwerking.log(gebruiker, {
      actie: 'temporal-geschiedenis ontsleutelen',
      handeling: 'ontsleutelen',
      inburgeraarIds: personen(body.payloads),
      soorten: ['payload'],
      requestId,
    });
    return { payloads: klaar.map(naarJson) };
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Versleutel payloads (Temporal remote codec), onder de sleutel van de workflow' })
  @ApiBody({ schema: openApiSchema(payloadsBody) })
  async encode(
    @Body(new ZodBody(payloadsBody)) body: PayloadsJson,
    @Headers('x-workflow-id') workflowId: string | undefined,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<PayloadsJson> {
    if (!isLandelijk(gebruiker)) throw landelijkBereikNodig('Versleutelen');
    const geheim = await this.codec.encode(
      body.payloads.map(naarPayload),
      workflowId ? { type: 'workflow', namespace: 'default', workflowId } : undefined,
    );
    return { payloads: geheim.map(naarJson) };
  }

  /**
   * For the Temporal Web UI, which cannot send a bearer token: an HttpOnly cookie with this token,
   * valid only for /api/v1/codec/ (enable "include cross-origin credentials" in the UI's codec settings).
   */
  @Post('sessie')
  @HttpCode(204)
  @ApiOperation({ summary: 'Zet de codec-sessiecookie voor de Temporal Web UI (operations)' })
  sessie(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): void {
    if (!isLandelijk(gebruiker)) throw landelijkBereikNodig('Een codec-sessie');
    const token = (authorization ?? '').replace(/^Bearer +/i, '');
    if (!token) {
      throw new ProblemException(
        problem(400, 'Stuur het token in de Authorization-header om de sessie te zetten.', {
          code: 'TOKEN_ONTBREEKT',
        }),
      );
    }
    res.cookie(CODEC_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/api/v1/codec/',
      maxAge: 8 * 3600_000,
    });
  }
}
