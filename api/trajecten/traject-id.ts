import { createHash } from 'node:crypto';

// RFC 9562 name-based UUID (v5) namespace of this system, so that one aanmelding (gemeente +
// commandId) always maps to the same traject id: a repeated POST finds the same workflow.
const NAMESPACE = Buffer.from('3f8d2c1e6b7a4f0e9c5d8a2b1e0f7c6d', 'hex');

export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function trajectIdVoorAanmelding(gemeente: string, commandId: string): string {
  return uuidV5(`aanmelding:${gemeente}:${commandId}`);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
