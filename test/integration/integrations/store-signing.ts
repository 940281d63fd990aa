import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const fixtures = path.resolve(__dirname, '../../fixtures');

/** A fixture's parsed JSON (Shopify ids above 2^53 are only compared as text in tests). */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as Record<string, unknown>;
}

/** A fixture's exact bytes. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(fixtures, name), 'utf8');
}

/** Signs as Shopify does: base64 HMAC-SHA256 of the raw body with the webhook secret. */
export function shopifyHeaders(
  secret: string,
  body: string,
  topic: string,
  shop: string,
  ids: { webhookId?: string; eventId?: string } = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-shop-domain': shop,
    'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body, 'utf8').digest('base64'),
    'x-shopify-webhook-id': ids.webhookId ?? randomUUID(),
    'x-shopify-api-version': '2025-10',
    'x-shopify-triggered-at': new Date().toISOString(),
    ...(ids.eventId ? { 'x-shopify-event-id': ids.eventId } : {}),
  };
}

/** Signs as WooCommerce does (WC_Webhook::generate_signature). */
export function wooHeaders(
  secret: string,
  body: string,
  topic: string,
  deliveryId: string = randomUUID().replace(/-/g, ''),
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-wc-webhook-topic': topic,
    'x-wc-webhook-resource': topic.split('.')[0] as string,
    'x-wc-webhook-event': topic.split('.')[1] as string,
    'x-wc-webhook-signature': createHmac('sha256', secret).update(body, 'utf8').digest('base64'),
    'x-wc-webhook-id': '3',
    'x-wc-webhook-delivery-id': deliveryId,
    'x-wc-webhook-source': 'https://shop.example/',
  };
}
