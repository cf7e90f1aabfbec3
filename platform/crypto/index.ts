import type { DataConverter } from '@temporalio/common';
import { VersleutelendeCodec } from './payload-codec';
import { type PersoonssleutelOpslag, Sleutelkluis } from './sleutelkluis';
import { laadSleutelring, type SleutelConfig, type Sleutelring } from './sleutels';

export { ENCODING_VERSLEUTELD, VersleutelendeCodec } from './payload-codec';
export {
  GegevensVernietigd,
  type PersoonssleutelOpslag,
  Sleutelkluis,
  type SleutelRef,
} from './sleutelkluis';
export { laadSleutelring, type SleutelConfig, SleutelOntbreekt, type Sleutelring } from './sleutels';
export { blindeIndex, ontsleutel, versleutel } from './versleuteling';

/** The key vault of a process: its key ring plus (API, worker) the store of per-person data keys. */
export function maakSleutelkluis(
  config: SleutelConfig | Sleutelring,
  opslag: PersoonssleutelOpslag | null = null,
): Sleutelkluis {
  const ring = 'modus' in config ? laadSleutelring(config) : config;
  return new Sleutelkluis(ring, opslag);
}

/** What every Temporal client and worker of the project is given: payloads encrypted (platform/crypto). */
export function versleutelendeDataConverter(kluis: Sleutelkluis): DataConverter {
  return { payloadCodecs: [new VersleutelendeCodec(kluis)] };
}
