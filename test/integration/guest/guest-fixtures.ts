import type { Container } from '../../../src/app/container';
import { ShipmentModel } from '../../../src/db/models';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import { defaultGuestPreferences, type Order } from '../../../src/orders/order';
import { hashStatusToken, newStatusToken } from '../../../src/orders/status-token';
import type { ShipmentStatus } from '../../../src/tracking/domain/taxonomy';
import type { Shipment, TrackingEvent } from '../../../src/tracking/shipment';

let counter = 0;

export async function seedMerchant(
  container: Container,
  overrides: Partial<Merchant['branding']> = {},
) {
  counter += 1;
  return container.repositories.merchants.create(`shop-${counter}-${Date.now()}`, {
    name: 'Harbor Goods',
    branding: {
      displayName: 'Harbor Goods',
      primaryColor: '#1d4ed8',
      supportEmail: 'help@harbor.example',
      ...overrides,
    },
    senders: { email: {}, sms: {} },
    preferences: { ...defaultMerchantPreferences(), timezone: 'America/Chicago' },
  });
}

export interface ShipmentSeed {
  status: ShipmentStatus;
  carrier?: string;
  trackingNumber?: string;
  events?: Array<Partial<TrackingEvent> & { status: ShipmentStatus; occurredAt: Date }>;
  extra?: Partial<Shipment>;
}

export interface SeedOrderOptions {
  orderNumber?: string;
  guest?: Partial<Order['guest']>;
  shipments?: ShipmentSeed[];
  merchant?: Merchant;
}

/** An order with shipments and a live status token, written through repositories and models. */
export async function seedOrder(container: Container, options: SeedOrderOptions = {}) {
  const { repositories, config } = container;
  const merchant = options.merchant ?? (await seedMerchant(container));
  counter += 1;
  const orderNumber = options.orderNumber ?? `A-${counter}${Date.now() % 100000}`;
  const { order } = await repositories.orders.upsert({
    merchantId: merchant.id,
    externalId: `ext-${orderNumber}`,
    orderNumber,
    guest: {
      email: 'grace.hopper@example.com',
      phone: '+13125550199',
      name: 'Grace Hopper',
      locale: 'en',
      timezone: 'America/Chicago',
      consent: { email: { granted: true }, sms: { granted: true } },
      preferences: { ...defaultGuestPreferences, channels: { email: true, sms: true } },
      ...options.guest,
    },
    destination: { city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' },
    items: [
      { name: 'Walnut desk lamp', quantity: 1 },
      { name: 'Linen shade', quantity: 2 },
    ],
  });
  const shipments: Shipment[] = [];
  for (const [i, seed] of (options.shipments ?? []).entries()) {
    const shipment = await repositories.shipments.ensure({
      merchantId: merchant.id,
      orderId: order.id,
      carrier: seed.carrier ?? 'simulated',
      trackingNumber: seed.trackingNumber ?? `SIM${orderNumber}X${i}`,
      nextPollAt: null,
    });
    const events = (seed.events ?? []).map((e, j) => ({
      id: `${shipment.id}-${j}`,
      rawCode: e.status.toUpperCase(),
      rawText: `Scan ${j + 1}`,
      utcOffsetMinutes: -360,
      location: { city: 'Joliet', region: 'IL', country: 'US' },
      ...e,
    }));
    await ShipmentModel.updateOne(
      { _id: shipment.id },
      {
        $set: { status: seed.status, events, lastCheckedAt: container.clock.now(), ...seed.extra },
      },
    );
    shipments.push((await repositories.shipments.findById(shipment.id)) as Shipment);
  }
  const token = newStatusToken();
  await repositories.statusTokens.create({
    tokenHash: hashStatusToken(token, config.security.tokenSecret),
    merchantId: merchant.id,
    orderId: order.id,
  });
  return { merchant, order, shipments, token };
}

/** A realistic journey ending in `status`. */
export function journey(status: ShipmentStatus, at: Date): ShipmentSeed['events'] {
  const hour = 3_600_000;
  const events: NonNullable<ShipmentSeed['events']> = [
    { status: 'pending', occurredAt: new Date(at.getTime() - 50 * hour), rawText: 'Label created' },
    {
      status: 'in_transit',
      occurredAt: new Date(at.getTime() - 30 * hour),
      rawText: 'Departed facility',
    },
  ];
  if (status !== 'pending' && status !== 'in_transit')
    events.push({
      status,
      occurredAt: new Date(at.getTime() - 2 * hour),
      rawText: `Carrier says ${status}`,
    });
  return status === 'pending' ? events.slice(0, 1) : events;
}
