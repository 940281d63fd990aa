import { createHmac, randomUUID } from 'node:crypto';
import { storeSignature } from '../integrations/store-signature';
import { anchorSimulatedNumber } from '../tracking/carriers/simulated/simulated-number';

/** The sample Shopify shop `npm start` connects to the demo merchant. */
export const demoShopDomain = 'juniper-pine.myshopify.com';

/** Derived from TOKEN_SECRET like the demo API key, so the sender script knows it too. */
export function demoShopifySecret(tokenSecret: string): string {
  return `shpss_demo_${createHmac('sha256', tokenSecret).update('demo-shopify-secret').digest('hex').slice(0, 32)}`;
}

export interface SignedWebhook {
  topic: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A new sample order and its fulfilment, shaped like Shopify's published examples and signed as
 * Shopify signs them. The tracking number is the simulated carrier's, starting its journey now.
 */
export function sampleShopifyWebhooks(secret: string, now: Date): SignedWebhook[] {
  const id = now.getTime();
  const name = `#${1000 + (id % 9000)}`;
  const trackingNumber = anchorSimulatedNumber(`SIM${id % 1_000_000}HAPPY`, now);
  const address = {
    first_name: 'Ada',
    last_name: 'Lovelace',
    address1: '12 Orchard Street',
    city: 'Brooklyn',
    zip: '11201',
    province: 'New York',
    province_code: 'NY',
    country: 'United States',
    country_code: 'US',
  };
  const item = {
    id: id + 1,
    title: 'Linen apron',
    name: 'Linen apron',
    quantity: 1,
    sku: 'APRON-1',
  };
  const order = {
    id,
    name,
    email: 'ada@example.com',
    customer_locale: 'en',
    created_at: now.toISOString(),
    customer: { id: id + 2, email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' },
    shipping_address: address,
    line_items: [item],
    fulfillments: [],
  };
  const fulfillment = {
    id: id + 3,
    order_id: id,
    name: `${name}.1`,
    status: 'success',
    tracking_company: 'Other',
    tracking_number: trackingNumber,
    tracking_numbers: [trackingNumber],
    email: 'ada@example.com',
    destination: address,
    line_items: [item],
  };
  return [
    ['orders/create', order],
    ['fulfillments/create', fulfillment],
  ].map(([topic, payload]) => {
    const body = JSON.stringify(payload);
    return {
      topic: topic as string,
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic as string,
        'x-shopify-shop-domain': demoShopDomain,
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-hmac-sha256': storeSignature(secret, Buffer.from(body)),
      },
    };
  });
}
