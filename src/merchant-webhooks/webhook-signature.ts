import { createHmac } from 'node:crypto';
import { sameSecret } from '../shared/same-secret';

/**
 * Every delivery carries `Porchlight-Timestamp` (Unix seconds) and
 * `Porchlight-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the endpoint secret>`.
 * To verify (Node):
 *
 *   const expected = 'v1=' + crypto.createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
 *   const ok = expected.length === header.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(header))
 *     && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(
  secret: string,
  timestamp: number,
  body: string,
  header: string,
): boolean {
  return sameSecret(signWebhook(secret, timestamp, body), header);
}
