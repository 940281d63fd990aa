import nock from 'nock';
import request from 'supertest';
import { StoreEventModel } from '../../../src/db/models';
import { StoreConnectionService } from '../../../src/integrations/store-connection.service';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import { ManualClock } from '../../../src/shared/clock';
import { RecordingEmailSender, RecordingSmsSender } from '../../fakes/recording-senders';
import { startTestApp } from '../../support/test-app';
import { paceMs, simulatedRegistry, start } from '../tracking/tracking-fixtures';
import { fixture, wooHeaders } from './store-signing';

const secret = 'woo-webhook-secret-0123456789';

describe('WooCommerce webhooks', () => {
  const clock = new ManualClock(start);
  const email = new RecordingEmailSender();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let merchant: Merchant;
  let connectionId: string;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    app = await startTestApp({
      env: { POLL_INTERVALS: 'pending=20,in_transit=20,out_for_delivery=20', POLL_JITTER: '0' },
      overrides: {
        clock,
        carriers: simulatedRegistry(),
        senders: { email, sms: new RecordingSmsSender() },
      },
    });
    merchant = await app.container.repositories.merchants.create('woo-shop', {
      name: 'Woo shop',
      branding: { displayName: 'Woo shop', primaryColor: '#7f54b3' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    const { connection } = await new StoreConnectionService(app.container).connect(merchant.id, {
      platform: 'woocommerce',
      storeUrl: 'https://shop.example',
      webhookSecret: secret,
    });
    connectionId = connection.id;
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await app.stop();
  });

  const url = () => `/integrations/woocommerce/webhooks/${connectionId}`;
  const send = (topic: string, body: unknown, deliveryId?: string, signWith = secret) => {
    const raw = JSON.stringify(body);
    return request(app.url)
      .post(url())
      .set(wooHeaders(signWith, raw, topic, deliveryId))
      .send(raw);
  };
  /** The documented order, its tracking number swapped for one the simulated carrier follows. */
  const tracked = (id: number, trackingNumber: string) => {
    const order = fixture('woocommerce/order-created.json');
    const meta = (order.meta_data as Array<{ value: Array<Record<string, string>> }>)[0]!;
    return {
      ...order,
      id,
      number: String(id),
      meta_data: [
        {
          ...meta,
          value: [
            { ...meta.value[0], tracking_provider: 'Other', tracking_number: trackingNumber },
          ],
        },
      ],
    };
  };
  const find = (id: number) =>
    app.container.repositories.orders.findByExternalId(
      merchant.id,
      `woocommerce:shop.example:${id}`,
    );

  it('when WooCommerce pings on saving the webhook, then 200 and nothing is stored', async () => {
    const res = await request(app.url).post(url()).type('form').send('webhook_id=3');
    expect(res.status).toBe(200);
    expect(await StoreEventModel.countDocuments({})).toBe(0);
    const stranger = await request(app.url)
      .post('/integrations/woocommerce/webhooks/0123456789abcdef01234567')
      .type('form')
      .send('webhook_id=3');
    expect(stranger.status).toBe(401);
  });

  it('when a signed order.created carries Shipment Tracking meta, then the order gets the shipment and once the carrier moves the guest is emailed', async () => {
    const res = await send('order.created', tracked(727, 'SIM727HAPPY'));
    expect(res.status).toBe(200);
    expect(await app.container.stores.processor.processDue()).toMatchObject({ processed: 1 });
    const order = await find(727);
    expect(order).toMatchObject({
      orderNumber: '727',
      guest: { email: 'john.doe@example.com', name: 'John Doe' },
      destination: { city: 'San Francisco', postalCode: '94103', country: 'US' },
    });
    expect(order?.guest.phone).toBeUndefined();
    const shipments = await app.container.repositories.shipments.findByOrder(order!.id);
    expect(shipments.map((s) => [s.carrier, s.trackingNumber])).toEqual([
      ['simulated', 'SIM727HAPPY'],
    ]);
    for (let step = 0; step < 4; step++) {
      await app.container.tracking.poll.pollDue();
      clock.advance(paceMs);
    }
    await app.container.notify.dispatcher.dispatchDue();
    expect(email.sent.some((m) => m.to === 'john.doe@example.com' && /727/.test(m.subject))).toBe(
      true,
    );
  });

  it('when the store uses the _tracking_number fallback, then that number is tracked', async () => {
    const order = {
      ...fixture('woocommerce/order-created.json'),
      id: 728,
      number: '728',
      meta_data: [{ id: 9, key: '_tracking_number', value: 'SIM728HAPPY' }],
    };
    await send('order.updated', order);
    await app.container.stores.processor.processDue();
    const stored = await find(728);
    const shipments = await app.container.repositories.shipments.findByOrder(stored!.id);
    expect(shipments.map((s) => s.trackingNumber)).toEqual(['SIM728HAPPY']);
  });

  it('when a delivery is forged, then 401; when it is replayed, then 200 with no effect', async () => {
    const before = await StoreEventModel.countDocuments({});
    expect(
      (await send('order.created', tracked(729, 'SIM729HAPPY'), 'd-729', 'wrong-secret-000000'))
        .status,
    ).toBe(401);
    expect(await StoreEventModel.countDocuments({})).toBe(before);
    expect((await send('order.created', tracked(729, 'SIM729HAPPY'), 'd-729')).body).toEqual({
      received: 'accepted',
    });
    expect((await send('order.created', tracked(729, 'SIM729HAPPY'), 'd-729')).body).toEqual({
      received: 'duplicate',
    });
    expect(await app.container.stores.processor.processDue()).toMatchObject({ claimed: 1 });
  });
});
