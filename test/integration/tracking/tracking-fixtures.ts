import { buildContainer, type Container } from '../../../src/app/container';
import type { Config } from '../../../src/config/config';
import { ShipmentModel } from '../../../src/db/models';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import { defaultGuestPreferences, type Order } from '../../../src/orders/order';
import type { Clock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import { CarrierRegistry } from '../../../src/tracking/carrier-registry';
import { SimulatedCarrier } from '../../../src/tracking/carriers/simulated/simulated-carrier';
import { anchorSimulatedNumber } from '../../../src/tracking/carriers/simulated/simulated-number';
import { testConfig } from '../../support/test-app';

export const start = new Date('2026-03-02T15:00:00Z');
export const paceMs = 20_000;

/** Fast polls and no jitter, so a journey of 20 s steps is followed closely. */
export function trackingTestConfig(env: Record<string, string> = {}): Config {
  return testConfig({
    POLL_INTERVALS:
      'pending=20,in_transit=20,out_for_delivery=20,available_for_pickup=20,failed_attempt=20,exception=20,unknown=20',
    POLL_JITTER: '0',
    ...env,
  });
}

export function simulatedRegistry(): CarrierRegistry {
  return new CarrierRegistry([new SimulatedCarrier({ paceMs, epoch: start })]);
}

/** A worker process: its own container and lease identity, sharing the database and the clock. */
export function worker(config: Config, clock: Clock, processId: string): Container {
  return buildContainer(config, createLogger('silent'), {
    clock,
    processId,
    carriers: simulatedRegistry(),
  });
}

export async function seedMerchant(
  container: Container,
  collapseMilestones = true,
): Promise<Merchant> {
  return container.repositories.merchants.create(`m-${Math.random().toString(36).slice(2)}`, {
    name: 'Test shop',
    branding: { displayName: 'Test shop', primaryColor: '#000000' },
    senders: { email: {}, sms: {} },
    preferences: { ...defaultMerchantPreferences(), collapseMilestones },
  });
}

export async function seedOrder(
  container: Container,
  merchant: Merchant,
  externalId: string,
): Promise<Order> {
  const { order } = await container.repositories.orders.upsert({
    merchantId: merchant.id,
    externalId,
    orderNumber: externalId,
    guest: {
      email: `${externalId}@example.com`,
      consent: { email: { granted: true }, sms: { granted: false } },
      preferences: defaultGuestPreferences,
    },
    destination: { city: 'Lyon', country: 'FR' },
    items: [{ name: 'Mug', quantity: 1 }],
  });
  return order;
}

/** Inserts simulated shipments in bulk (faster than one by one for the load test). */
export async function seedShipments(order: Order, bases: string[]): Promise<void> {
  await ShipmentModel.insertMany(
    bases.map((base) => ({
      merchantId: order.merchantId,
      orderId: order.id,
      carrier: 'simulated',
      trackingNumber: anchorSimulatedNumber(base, start),
      nextPollAt: start,
    })),
  );
}
