import { createHmac } from 'node:crypto';
import { sameSecret } from '../../shared/same-secret';

/** The header that carries the generic push signature. */
export const pushSignatureHeader = 'x-porchlight-signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>` with the carrier's secret. */
export function signPushBody(secret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Timing-safe check of a signature header against the raw body; false when absent. */
export function verifyPushSignature(
  secret: string,
  rawBody: Buffer,
  header: string | string[] | undefined,
): boolean {
  return typeof header === 'string' && sameSecret(signPushBody(secret, rawBody), header.trim());
}
