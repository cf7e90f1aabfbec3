import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Sleutelkluis } from './sleutelkluis';
import { ontsleutel, versleutel } from './versleuteling';

export const ENCODING_VERSLEUTELD = 'binary/encrypted';
const SLEUTEL_METADATA = 'encryption-key-id';

const tekst = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);
const bytes = (s: string) => Buffer.from(s, 'utf8');

/**
 * Encrypts every Temporal payload (inputs, results, signals, updates, queries, memo, heartbeats) with
 * AES-256-GCM under the key of the traject's person (or the master key for system workflows). The key
 * reference travels in the payload's metadata; without the key a history shows only ciphertext. Payloads
 * written before encryption (no `binary/encrypted`) pass through, so old histories still replay.
 */
export class VersleutelendeCodec implements PayloadCodec {
  constructor(private readonly kluis: Sleutelkluis) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const ref = await this.kluis.refVoorWorkflow(context?.workflowId);
    const sleutel = await this.kluis.sleutelVoor(ref);
    return payloads.map((p) => ({
      metadata: { encoding: bytes(ENCODING_VERSLEUTELD), [SLEUTEL_METADATA]: bytes(ref) },
      data: versleutel(sleutel, Buffer.from(temporal.api.common.v1.Payload.encode(p).finish()), ref),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (p) => {
        if (tekst(p.metadata?.encoding) !== ENCODING_VERSLEUTELD) return p;
        const ref = tekst(p.metadata?.[SLEUTEL_METADATA]);
        if (!ref || !p.data) throw new Error('versleutelde payload zonder sleutelverwijzing');
        const klaar = ontsleutel(await this.kluis.sleutelVoor(ref), Buffer.from(p.data), ref);
        return temporal.api.common.v1.Payload.decode(klaar) as Payload;
      }),
    );
  }
}
