import { createHmac } from 'node:crypto';

/**
 * One aanmelding (gemeente + commandId) always maps to the same traject id, so a repeated POST
 * finds the same workflow. The id is a keyed HMAC (RFC 9562 UUIDv8 layout), not a plain hash:
 * without the key (platform/traject-id-sleutel.ts) nobody can tell which id an aanmelding got.
 */
export function trajectIdVoorAanmelding(sleutel: Buffer, gemeente: string, commandId: string): string {
  const hash = createHmac('sha256', sleutel).update(`aanmelding:${gemeente}:${commandId}`, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x80;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
