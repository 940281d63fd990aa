import type { Container } from '../src/app/container';
import { ShipmentModel } from '../src/db/models';
import { defaultMerchantPreferences } from '../src/merchants/merchant';
import { defaultGuestPreferences } from '../src/orders/order';
import { hashStatusToken, newStatusToken } from '../src/orders/status-token';
import type { ShipmentStatus } from '../src/tracking/domain/taxonomy';

/** One realistic order (two shipments, a dozen scans) with a fresh status token. */
export async function seedBenchOrder(container: Container): Promise<string> {
  const { repositories, config, clock } = container;
  const now = clock.now().getTime();
  const merchant = await repositories.merchants.create(`bench-${now}`, {
    name: 'Bench & Co',
    branding: {
      displayName: 'Bench & Co',
      primaryColor: '#7c3aed',
      supportEmail: 'help@bench.example',
    },
    senders: { email: {}, sms: {} },
    preferences: { ...defaultMerchantPreferences(), timezone: 'Europe/Berlin' },
  });
  const { order } = await repositories.orders.upsert({
    merchantId: merchant.id,
    externalId: `bench-${now}`,
    orderNumber: `B-${now % 100000}`,
    guest: {
      email: 'bench@example.com',
      locale: 'en',
      timezone: 'Europe/Berlin',
      consent: { email: { granted: true }, sms: { granted: false } },
      preferences: { ...defaultGuestPreferences },
    },
    destination: { city: 'Berlin', region: 'BE', postalCode: '10115', country: 'DE' },
    items: [
      { name: 'Espresso cups', quantity: 4 },
      { name: 'Grinder', quantity: 1 },
    ],
  });
  const statuses: ShipmentStatus[] = [
    'pending',
    'in_transit',
    'in_transit',
    'in_transit',
    'in_transit',
    'out_for_delivery',
  ];
  for (const [s, tracking] of ['BENCH1', 'BENCH2'].entries()) {
    const shipment = await repositories.shipments.ensure({
      merchantId: merchant.id,
      orderId: order.id,
      carrier: 'simulated',
      trackingNumber: `${tracking}-${now}`,
      nextPollAt: null,
    });
    const events = statuses.map((status, i) => ({
      id: `${shipment.id}-${i}`,
      status,
      rawCode: status.toUpperCase(),
      rawText: `Scan ${i + 1} at the regional hub`,
      location: { city: 'Leipzig', region: 'SN', country: 'DE' },
      occurredAt: new Date(now - (statuses.length - i) * 3_600_000),
      utcOffsetMinutes: 60,
    }));
    await ShipmentModel.updateOne(
      { _id: shipment.id },
      {
        $set: {
          status: s === 0 ? 'out_for_delivery' : 'in_transit',
          events,
          lastCheckedAt: new Date(now - 4 * 60_000),
        },
      },
    );
  }
  const token = newStatusToken();
  await repositories.statusTokens.create({
    tokenHash: hashStatusToken(token, config.security.tokenSecret),
    merchantId: merchant.id,
    orderId: order.id,
  });
  return token;
}
