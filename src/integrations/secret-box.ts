import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const version = 'v1';

/**
 * The key that seals store webhook secrets at rest, derived from TOKEN_SECRET so no second key
 * has to be configured; changing TOKEN_SECRET means reconnecting the stores.
 */
export function sealingKey(tokenSecret: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', tokenSecret, 'porchlight', 'integration-webhook-secrets', 32),
  );
}

/** AES-256-GCM: `v1.<base64url iv>.<base64url tag>.<base64url ciphertext>`. */
export function sealSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [version, iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The plain secret, or null when the value was sealed with another key or tampered with. */
export function openSecret(key: Buffer, sealed: string): string | null {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== version || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return null;
  }
}
