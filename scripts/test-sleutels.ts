import { loadConfig } from '../platform/config';
import {
  maakSleutelkluis,
  type Sleutelkluis,
  type Sleutelring,
  versleutelendeDataConverter,
} from '../platform/crypto';

/**
 * A fixed key ring for tests and recorded histories that need the same keys across runs (recorded histories replay with it).
 * Test keys only: they protect nothing real, and production refuses to start without its own keys.
 */
export const TEST_SLEUTELRING: Sleutelring = {
  actief: 'test-1',
  sleutels: new Map([['test-1', Buffer.alloc(32, 7)]]),
  index: Buffer.alloc(32, 9),
  bron: 'scripts/test-sleutels.ts',
};

/** The vault of the workflow tests: master key only (their activities keep no people). */
export function testKluis(): Sleutelkluis {
  return maakSleutelkluis(TEST_SLEUTELRING);
}

/** A data converter with the keys of this checkout's configuration (e2e: the same as the API and worker). */
export function configDataConverter() {
  return versleutelendeDataConverter(maakSleutelkluis(loadConfig().sleutels));
}
