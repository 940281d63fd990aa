import { createHash, randomBytes } from 'node:crypto';

/** A new API key: shown once, stored only as its SHA-256 hash with a short visible prefix. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `pl_live_${randomBytes(24).toString('base64url')}`;
  return { key, prefix: key.slice(0, 12), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
