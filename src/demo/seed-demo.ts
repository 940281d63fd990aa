import { createHmac } from 'node:crypto';
import type { Container } from '../app/container';
import { isDuplicateKeyError } from '../db/to-entity';
import { hashApiKey } from '../merchants/api-key-secret';
import { hashStatusToken, statusLink } from '../orders/status-token';
import { anchorSimulatedNumber } from '../tracking/carriers/simulated/simulated-number';
import { StoreConnectionService } from '../integrations/store-connection.service';
import { demoMerchant, demoMerchantSlug, demoOrders } from './demo-data';
import { seedDemoLaneStats } from './seed-lane-stats';
import { demoShopDomain, demoShopifySecret } from './demo-shop';
import { demoLinkTtlMs } from '../console/auth/console-sign-in';

export interface SeededOrder {
  orderNumber: string;
  statusUrl: string;
}

/**
 * Demo tokens are derived from the secret so every restart prints the same links without
 * storing them; real tokens are random (orders/status-token.ts).
 */
function demoToken(secret: string, externalId: string): string {
  return createHmac('sha256', secret)
    .update(`demo-token:${externalId}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** The demo merchant's API key, derived like the demo tokens so every start prints the same one. */
export function demoApiKey(secret: string): string {
  return `pl_live_demo_${createHmac('sha256', secret).update('demo-api-key').digest().subarray(0, 18).toString('base64url')}`;
}

/** Seeds the demo merchant and orders. Idempotent: a restart finds them and adds nothing. */
export async function seedDemo(container: Container): Promise<SeededOrder[]> {
  const { repositories, config, clock } = container;
  const merchant = await repositories.merchants.ensure(demoMerchantSlug, demoMerchant);
  const apiKey = demoApiKey(config.security.tokenSecret);
  if (!(await repositories.apiKeys.findActiveByHash(hashApiKey(apiKey)))) {
    try {
      await repositories.apiKeys.add({
        merchantId: merchant.id,
        prefix: apiKey.slice(0, 12),
        hash: hashApiKey(apiKey),
        label: 'demo',
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  await seedDemoLaneStats(container);
  // A guest who replied STOP, so the console's Suppressions page has something to lift.
  await repositories.suppressions.add({
    channel: 'sms',
    address: '+4915100000004',
    merchantId: merchant.id,
    reason: 'STOP reply',
    source: 'Twilio inbound message',
  });
  // A connected sample Shopify shop: `npm run demo:shopify` sends it a signed fulfilment.
  await new StoreConnectionService(container).connect(merchant.id, {
    platform: 'shopify',
    shopDomain: demoShopDomain,
    webhookSecret: demoShopifySecret(config.security.tokenSecret),
  });
  const seeded: SeededOrder[] = [];
  for (const demo of demoOrders) {
    const existing = await repositories.orders.findByExternalId(merchant.id, demo.order.externalId);
    const order =
      existing ??
      (await repositories.orders.upsert({ ...demo.order, merchantId: merchant.id })).order;
    // Simulated journeys start when the order is first seeded; a restart continues them.
    for (const shipment of existing ? [] : demo.shipments) {
      await repositories.shipments.ensure({
        merchantId: merchant.id,
        orderId: order.id,
        carrier: shipment.carrier,
        trackingNumber:
          shipment.carrier === 'simulated'
            ? anchorSimulatedNumber(shipment.trackingNumber, clock.now())
            : shipment.trackingNumber,
        nextPollAt: clock.now(),
      });
    }
    const token = demoToken(config.security.tokenSecret, demo.order.externalId);
    try {
      await repositories.statusTokens.create({
        tokenHash: hashStatusToken(token, config.security.tokenSecret),
        merchantId: merchant.id,
        orderId: order.id,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    seeded.push({
      orderNumber: order.orderNumber,
      statusUrl: statusLink(config.http.publicBaseUrl, token),
    });
  }
  return seeded;
}

export const demoConsoleEmail = 'owner@juniper-pine.example';

/** The demo shop's console user, and a fresh sign-in link for `npm start` to print. */
export async function demoConsoleLink(container: Container): Promise<string> {
  const merchant = await container.repositories.merchants.findBySlug(demoMerchantSlug);
  if (!merchant) throw new Error('the demo merchant is seeded first');
  const { user } = await container.repositories.consoleUsers.invite(
    merchant.id,
    demoConsoleEmail,
    'demo',
  );
  return container.console.signIn.linkFor(user, demoLinkTtlMs);
}
