import { buildContainer, type Container } from '../../../src/app/container';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import { planIntents } from '../../../src/notify/domain/plan-intents';
import type { Notification } from '../../../src/notify/notification';
import { defaultGuestPreferences, type Order } from '../../../src/orders/order';
import { ManualClock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import type { Milestone } from '../../../src/tracking/domain/taxonomy';
import type { Shipment } from '../../../src/tracking/shipment';
import { RecordingEmailSender, RecordingSmsSender } from '../../fakes/recording-senders';
import { testConfig } from '../../support/test-app';

/** One merchant, one order with `shipmentCount` shipments, recording senders, a fixed clock. */
export const middayInNewYork = new Date('2026-06-10T16:00:00Z');

export interface World {
  app: Container;
  clock: ManualClock;
  email: RecordingEmailSender;
  sms: RecordingSmsSender;
  merchant: Merchant;
  order: Order;
  shipments: Shipment[];
}

let counter = 0;

export async function world(
  env: Record<string, string> = {},
  shipmentCount = 1,
  processId?: string,
): Promise<World> {
  counter++;
  const clock = new ManualClock(middayInNewYork);
  const email = new RecordingEmailSender();
  const sms = new RecordingSmsSender();
  const app = buildContainer(
    testConfig({ NOTIFY_RETRY_BASE_SECONDS: '10', ...env }),
    createLogger('silent'),
    {
      clock,
      processId: processId ?? `dispatcher-${counter}`,
      senders: { email, sms },
    },
  );
  const merchant = await app.repositories.merchants.create(`shop-${counter}`, {
    name: 'Juniper & Pine',
    branding: {
      displayName: 'Juniper & Pine',
      primaryColor: '#2f6b4f',
      supportEmail: 'help@example.com',
    },
    senders: { email: { from: 'orders@juniper.example' }, sms: { messagingServiceSid: 'MG123' } },
    preferences: { ...defaultMerchantPreferences(), timezone: 'America/New_York' },
  });
  const { order, shipments } = await newOrder(app, merchant, shipmentCount);
  return { app, clock, email, sms, merchant, order, shipments };
}

/** Another order of the world's merchant (its own guest), with its shipments. */
export async function anotherOrder(
  w: Pick<World, 'app' | 'merchant'>,
  shipmentCount = 1,
): Promise<{ order: Order; shipments: Shipment[] }> {
  counter++;
  return newOrder(w.app, w.merchant, shipmentCount);
}

async function newOrder(
  app: Container,
  merchant: Merchant,
  shipmentCount: number,
): Promise<{ order: Order; shipments: Shipment[] }> {
  const { order } = await app.repositories.orders.upsert({
    merchantId: merchant.id,
    externalId: `o-${counter}`,
    orderNumber: `10${counter}`,
    guest: {
      email: `guest${counter}@example.com`,
      phone: `+1202555${String(1000 + counter).slice(-4)}`,
      locale: 'en',
      timezone: 'America/New_York',
      consent: { email: { granted: true }, sms: { granted: true } },
      preferences: defaultGuestPreferences,
    },
    destination: { city: 'Brooklyn', region: 'NY', country: 'US' },
    items: [{ name: 'Apron', quantity: 1 }],
  });
  const shipments: Shipment[] = [];
  for (let i = 0; i < shipmentCount; i++) {
    shipments.push(
      await app.repositories.shipments.ensure({
        merchantId: merchant.id,
        orderId: order.id,
        carrier: 'simulated',
        trackingNumber: `SIM${counter}${i}HAPPY`,
        nextPollAt: null,
      }),
    );
  }
  return { order, shipments };
}

export async function milestone(
  w: World,
  m: Milestone,
  shipment = w.shipments[0] as Shipment,
  order = w.order,
): Promise<void> {
  const intents = planIntents({
    milestones: [m],
    shipmentId: shipment.id,
    order,
    preferences: w.merchant.preferences,
    now: w.clock.now(),
  });
  await w.app.repositories.notifications.addIntents(intents, w.clock.now());
}

export async function outbox(w: World): Promise<Notification[]> {
  return w.app.repositories.notifications.findByOrder(w.order.id);
}

export const reasons = (n: Notification | undefined) =>
  n?.history.map((h) => `${h.state}:${h.reason}`);

/** The outbox entries of these orders. */
export const ofWorld = async (w: World, orderIds: string[]): Promise<Notification[]> =>
  (
    await Promise.all(orderIds.map((id) => w.app.repositories.notifications.findByOrder(id)))
  ).flat();

/** Waits up to 10 s for `check` to hold, and fails the test if it never does. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

/** A world whose `total` orders each have a shipped email due (no SMS); their order ids. */
export async function shippedEmails(env: Record<string, string>, total: number) {
  // The tests' clocks stand still, and each second's sends are counted: room for all of them.
  const w = await world({ EMAIL_SENDS_PER_SECOND: '1000', ...env });
  w.merchant.preferences.matrix.shipped.sms = false;
  await w.app.repositories.merchants.update(w.merchant.id, {
    preferences: w.merchant.preferences,
  });
  const orders = [w.order.id];
  await milestone(w, 'shipped');
  for (let i = 1; i < total; i++) {
    const { order, shipments } = await anotherOrder(w);
    orders.push(order.id);
    await milestone(w, 'shipped', shipments[0], order);
  }
  return { w, orders };
}
