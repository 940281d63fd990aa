import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export const sendgridSignatureHeader = 'x-twilio-email-event-webhook-signature';
export const sendgridTimestampHeader = 'x-twilio-email-event-webhook-timestamp';

/** The verification key SendGrid shows for a signed Event Webhook: base64 DER (SPKI) ECDSA P-256. */
export function sendgridPublicKey(base64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
}

/**
 * SendGrid signs `timestamp + raw body` with ECDSA (SHA-256) and sends the base64 DER signature;
 * timestamps older than `maxAgeMs` are refused so a captured request cannot be replayed later.
 */
export function verifySendgridEvent(
  key: KeyObject,
  rawBody: Buffer,
  signature: string | undefined,
  timestamp: string | undefined,
  now: Date,
  maxAgeMs = 5 * 60_000,
): boolean {
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > maxAgeMs) return false;
  try {
    return verify(
      'sha256',
      Buffer.concat([Buffer.from(timestamp), rawBody]),
      key,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}
