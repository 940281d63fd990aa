import { createHmac } from 'node:crypto';
import { sameSecret } from '../shared/same-secret';

/**
 * Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`) sign alike: the
 * base64 HMAC-SHA256 of the raw body bytes, keyed with the webhook secret.
 */
export function storeSignature(secret: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Constant-time check of a received header against the body; a missing header fails. */
export function verifyStoreSignature(
  secret: string,
  rawBody: Buffer,
  header: string | undefined,
): boolean {
  return header !== undefined && sameSecret(storeSignature(secret, rawBody), header.trim());
}
