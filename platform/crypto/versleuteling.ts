import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM: a fresh 96-bit IV per message, the 128-bit tag authenticates. `context` (associated
 * data, e.g. the key reference) binds a ciphertext to where it belongs: moved elsewhere, it does not open.
 */
export function versleutel(sleutel: Buffer, klaar: Buffer, context = ''): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sleutel, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const geheim = Buffer.concat([cipher.update(klaar), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), geheim]);
}

export function ontsleutel(sleutel: Buffer, blob: Buffer, context = ''): Buffer {
  if (blob.length < 28) throw new Error('versleutelde waarde is te kort');
  const decipher = createDecipheriv('aes-256-gcm', sleutel, blob.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(blob.subarray(12, 28));
  return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
}

/** Keyed HMAC-SHA256 "blind index": equal inputs give equal indexes, nobody without the key can compute one. */
export function blindeIndex(sleutel: Buffer, soort: 'bsn' | 'vnummer', waarde: string): string {
  return createHmac('sha256', sleutel).update(`${soort}:${waarde}`, 'utf8').digest('hex');
}
