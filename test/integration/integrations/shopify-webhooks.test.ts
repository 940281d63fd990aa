import nock from 'nock';
import request from 'supertest';
import { StoreEventModel } from '../../../src/db/models';
import { StoreConnectionService } from '../../../src/integrations/store-connection.service';
import { StoreEventProcessor } from '../../../src/integrations/store-event-processor';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import type { Order } from '../../../src/orders/order';
import { ManualClock } from '../../../src/shared/clock';
import { RecordingEmailSender, RecordingSmsSender } from '../../fakes/recording-senders';
import { startTestApp } from '../../support/test-app';
import { paceMs, simulatedRegistry, start } from '../tracking/tracking-fixtures';
import { fixture, fixtureText, shopifyHeaders } from './store-signing';

const shop = 'juniper.myshopify.com';
const secret = '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';
const orderId = '820982911946154508';
const externalId = `shopify:${shop}:${orderId}`;

describe('Shopify webhooks', () => {
  const clock = new ManualClock(start);
  const email = new RecordingEmailSender();
  const sms = new RecordingSmsSender();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let merchant: Merchant;
  let apiKey: string;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    app = await startTestApp({
      env: { POLL_INTERVALS: 'pending=20,in_transit=20,out_for_delivery=20', POLL_JITTER: '0' },
      overrides: { clock, carriers: simulatedRegistry(), senders: { email, sms } },
    });
    merchant = await app.container.repositories.merchants.create('juniper', {
      name: 'Juniper & Pine',
      branding: { displayName: 'Juniper & Pine', primaryColor: '#2f6b4f' },
      senders: { email: {}, sms: {} },
      preferences: { ...defaultMerchantPreferences(), smsRequiresConsent: false },
    });
    apiKey = (await app.container.repositories.apiKeys.issue(merchant.id)).secret;
    await new StoreConnectionService(app.container).connect(merchant.id, {
      platform: 'shopify',
      shopDomain: shop,
      webhookSecret: secret,
    });
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await app.stop();
  });

  const send = (
    topic: string,
    body: unknown,
    ids: { webhookId?: string; eventId?: string } = {},
    signWith = secret,
  ) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return request(app.url)
      .post('/integrations/shopify/webhooks')
      .set(shopifyHeaders(signWith, raw, topic, shop, ids))
      .send(raw);
  };
  const order = (changes: Record<string, unknown> = {}) => ({
    ...fixture('shopify/orders-create.json'),
    ...changes,
  });
  const fulfillment = (changes: Record<string, unknown> = {}) => ({
    ...fixture('shopify/fulfillments-create.json'),
    tracking_company: 'Other',
    tracking_number: 'SIM9999HAPPY',
    tracking_numbers: ['SIM9999HAPPY'],
    ...changes,
  });
  const process = () => app.container.stores.processor.processDue();
  const find = (id = externalId): Promise<Order | null> =>
    app.container.repositories.orders.findByExternalId(merchant.id, id);
  const events = () => StoreEventModel.countDocuments({});

  it('when the signature is forged or the shop unknown, then 401 and nothing is stored', async () => {
    const before = await events();
    const raw = fixtureText('shopify/orders-create.json');
    const forged = await send('orders/create', raw, {}, 'not-the-secret-at-all');
    expect(forged.status).toBe(401);
    const missing = await request(app.url)
      .post('/integrations/shopify/webhooks')
      .set({ ...shopifyHeaders(secret, raw, 'orders/create', shop), 'x-shopify-hmac-sha256': '' })
      .send(raw);
    expect(missing.status).toBe(401);
    const stranger = await request(app.url)
      .post('/integrations/shopify/webhooks')
      .set(shopifyHeaders(secret, raw, 'orders/create', 'stranger.myshopify.com'))
      .send(raw);
    expect(stranger.status).toBe(401);
    // A body changed after signing fails too (the exact bytes are signed).
    const tampered = await request(app.url)
      .post('/integrations/shopify/webhooks')
      .set(shopifyHeaders(secret, raw, 'orders/create', shop))
      .send(raw.replace('jon@example.com', 'eve@example.com'));
    expect(tampered.status).toBe(401);
    expect(await events()).toBe(before);
    expect(await find()).toBeNull();
  });

  it('when a signed orders/create and fulfillments/create arrive, then the order gets a shipment with its items, and once the carrier moves the guest is emailed', async () => {
    const created = await send('orders/create', fixtureText('shopify/orders-create.json'));
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ received: 'accepted' });
    // The published example, with its UPS number swapped for one the simulated carrier follows.
    const simulated = fixtureText('shopify/fulfillments-create.json')
      .replaceAll('1Z2345', 'SIM9999HAPPY')
      .replace('"tracking_company": "UPS"', '"tracking_company": "Other"');
    expect((await send('fulfillments/create', simulated)).status).toBe(200);
    expect(await process()).toMatchObject({ claimed: 2, processed: 2, failed: 0 });

    const stored = await find();
    expect(stored).toMatchObject({
      orderNumber: '#9999',
      guest: { email: 'jon@example.com', name: 'John Smith', locale: 'en' },
      destination: { city: 'Shippington', region: 'KY', postalCode: '40003', country: 'US' },
      items: [
        { name: 'Aviator sunglasses', quantity: 1 },
        { name: 'Mid-century lounger', quantity: 1 },
      ],
    });
    expect(stored?.guest.phone).toBeUndefined(); // no recorded SMS consent: email only
    const shipments = await app.container.repositories.shipments.findByOrder(stored!.id);
    expect(shipments).toHaveLength(1);
    expect(shipments[0]).toMatchObject({
      carrier: 'simulated',
      trackingNumber: 'SIM9999HAPPY',
      items: [{ name: 'Aviator sunglasses', quantity: 1 }],
    });
    expect((await StoreEventModel.find({}).lean()).every((e) => e.body === null)).toBe(true);

    for (let step = 0; step < 4; step++) {
      await app.container.tracking.poll.pollDue();
      clock.advance(paceMs);
    }
    await app.container.notify.dispatcher.dispatchDue();
    const mail = email.sent.filter((m) => m.to === 'jon@example.com');
    expect(mail.length).toBeGreaterThan(0);
    expect(mail.some((m) => /9999/.test(m.subject))).toBe(true);
    expect(sms.sent).toHaveLength(0);
  });

  it('when a delivery is replayed (same webhook id, or same event id), then 200 and nothing changes', async () => {
    const body = order({ id: 5001, name: '#5001' });
    const first = await send('orders/create', body, { webhookId: 'wh-5001', eventId: 'ev-5001' });
    expect(first.body).toEqual({ received: 'accepted' });
    const count = await events();
    const replay = await send('orders/create', body, { webhookId: 'wh-5001' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ received: 'duplicate' });
    const sameEvent = await send('orders/create', body, {
      webhookId: 'wh-5001-b',
      eventId: 'ev-5001',
    });
    expect(sameEvent.body).toEqual({ received: 'duplicate' });
    expect(await events()).toBe(count);
    await process();
    await send('orders/create', body, { webhookId: 'wh-5001' });
    expect(await process()).toMatchObject({ claimed: 0 });
  });

  it('when a fulfilment arrives before its order, then the order starts from what the fulfilment knows and is completed when the order arrives, with nothing doubled', async () => {
    const id = 6001;
    const ext = `shopify:${shop}:${id}`;
    await send(
      'fulfillments/create',
      fulfillment({
        order_id: id,
        name: '#6001.1',
        tracking_numbers: ['SIM6001HAPPY'],
        tracking_number: 'SIM6001HAPPY',
      }),
    );
    await process();
    const early = await find(ext);
    expect(early).toMatchObject({
      orderNumber: '#6001',
      guest: { email: 'jon@example.com' },
      items: [{ name: 'Aviator sunglasses', quantity: 1 }],
    });
    await send('orders/create', order({ id, name: '#6001' }));
    await send(
      'fulfillments/update',
      fulfillment({
        order_id: id,
        name: '#6001.1',
        tracking_numbers: ['SIM6001HAPPY'],
        tracking_number: 'SIM6001HAPPY',
      }),
    );
    await process();
    const complete = await find(ext);
    expect(complete?.id).toBe(early?.id);
    expect(complete?.items).toHaveLength(2);
    expect(complete?.guest.locale).toBe('en');
    expect(await app.container.repositories.shipments.findByOrder(complete!.id)).toHaveLength(1);
    const confirmations = (
      await app.container.repositories.notifications.findByOrder(complete!.id)
    ).filter((n) => n.milestone === 'order_confirmation');
    expect(confirmations.length).toBeLessThanOrEqual(1);
  });

  it('when order updates arrive out of order, then an older one never overwrites a newer one', async () => {
    const id = 6101;
    const ext = `shopify:${shop}:${id}`;
    const at = (time: string) => `2026-11-27T${time}-05:00`;
    await send('orders/create', order({ id, name: '#6101', updated_at: at('09:00:00') }));
    await process();
    await send(
      'orders/updated',
      order({ id, name: '#6101', email: 'new@example.com', updated_at: at('11:00:00') }),
    );
    await process();
    // Shopify retried an earlier update late: it still has the old address.
    await send(
      'orders/updated',
      order({ id, name: '#6101', email: 'old@example.com', updated_at: at('10:00:00') }),
    );
    await process();
    expect((await find(ext))?.guest.email).toBe('new@example.com');
    const outcomes = await StoreEventModel.find({ topic: 'orders/updated' }).lean();
    expect(outcomes.map((e) => e.outcome)).toContain(
      'order kept: the store changed it after this update',
    );

    // A later change applies; one without updated_at applies as before (the last one wins).
    await send(
      'orders/updated',
      order({ id, name: '#6101', email: 'newest@example.com', updated_at: at('12:00:00') }),
    );
    await process();
    expect((await find(ext))?.guest.email).toBe('newest@example.com');
    await send(
      'orders/updated',
      order({ id, name: '#6101', email: 'unversioned@example.com', updated_at: null }),
    );
    await process();
    expect((await find(ext))?.guest.email).toBe('unversioned@example.com');
  });

  it('when the order records explicit SMS consent, then the phone is kept with that consent; otherwise it is left out', async () => {
    const consenting = order({
      id: 7001,
      name: '#7001',
      customer: {
        ...(fixture('shopify/orders-create.json').customer as object),
        phone: '+12025550143',
        sms_marketing_consent: {
          state: 'subscribed',
          opt_in_level: 'single_opt_in',
          consent_updated_at: '2026-02-01T10:00:00-05:00',
          consent_collected_from: 'SHOPIFY',
        },
      },
    });
    await send('orders/create', consenting);
    await send('orders/create', order({ id: 7002, name: '#7002', phone: '+12025550144' }));
    await process();
    const yes = await find(`shopify:${shop}:7001`);
    expect(yes?.guest.phone).toBe('+12025550143');
    expect(yes?.guest.consent.sms).toMatchObject({ granted: true, source: 'shopify:shopify' });
    const no = await find(`shopify:${shop}:7002`);
    expect(no?.guest.phone).toBeUndefined();
    expect(no?.guest.consent.sms.granted).toBe(false);
  });

  it('when a fulfilment is cancelled, then its parcel stops being tracked; when the order is cancelled, nothing more is planned or sent', async () => {
    await send('orders/create', order({ id: 8001, name: '#8001' }));
    const parcel = {
      order_id: 8001,
      name: '#8001.1',
      tracking_number: 'SIM8001HAPPY',
      tracking_numbers: ['SIM8001HAPPY'],
    };
    await send('fulfillments/create', fulfillment(parcel));
    await process();
    await send('fulfillments/update', fulfillment({ ...parcel, status: 'cancelled' }));
    await process();
    const o = await find(`shopify:${shop}:8001`);
    const [stopped] = await app.container.repositories.shipments.findByOrder(o!.id);
    expect(stopped).toMatchObject({ nextPollAt: null, problemKind: 'cancelled' });

    await send('orders/create', order({ id: 8002, name: '#8002' }));
    await send(
      'fulfillments/create',
      fulfillment({
        ...parcel,
        order_id: 8002,
        name: '#8002.1',
        tracking_number: 'SIM8002HAPPY',
        tracking_numbers: ['SIM8002HAPPY'],
      }),
    );
    await process();
    await send(
      'orders/cancelled',
      order({ id: 8002, name: '#8002', cancelled_at: '2026-03-02T10:00:00-05:00' }),
    );
    await process();
    const cancelled = await find(`shopify:${shop}:8002`);
    expect(cancelled?.cancelledAt).toBeInstanceOf(Date);
    const [ship] = await app.container.repositories.shipments.findByOrder(cancelled!.id);
    expect(ship?.nextPollAt).toBeNull();
    const sentBefore = email.sent.length;
    await app.container.notify.dispatcher.dispatchDue();
    const outbox = await app.container.repositories.notifications.findByOrder(cancelled!.id);
    expect(outbox.every((n) => n.state !== 'pending' && n.state !== 'sent')).toBe(true);
    expect(email.sent.slice(sentBefore).some((m) => /8002/.test(m.subject))).toBe(false);
  });

  it('when a topic is not used, then it is answered 200 and recorded as ignored', async () => {
    const res = await send(
      'products/update',
      { id: 1, title: 'Mug' },
      { webhookId: 'unknown-topic' },
    );
    expect(res.status).toBe(200);
    await process();
    const stored = await StoreEventModel.findOne({ deliveryKey: /unknown-topic$/ }).lean();
    expect(stored).toMatchObject({
      state: 'ignored',
      outcome: 'topic products/update is not used',
    });
  });

  it('when the body is oversized, then 413; when it is signed but not a JSON object or lacks headers, then 400; nothing is stored', async () => {
    const before = await events();
    const huge = JSON.stringify({ id: 1, note: 'x'.repeat(1100 * 1024) });
    expect((await send('orders/create', huge)).status).toBe(413);
    expect((await send('orders/create', '{"id": 1,')).status).toBe(400);
    expect((await send('orders/create', '[1, 2]')).status).toBe(400);
    const raw = fixtureText('shopify/orders-create.json');
    const noId = shopifyHeaders(secret, raw, 'orders/create', shop);
    delete noId['x-shopify-webhook-id'];
    expect(
      (await request(app.url).post('/integrations/shopify/webhooks').set(noId).send(raw)).status,
    ).toBe(400);
    expect(await events()).toBe(before);
  });

  it('when a worker dies after the 200, then another claims the event once its lease expires; two workers at once apply it once', async () => {
    await send('orders/create', order({ id: 9101, name: '#9101' }));
    const dead = await app.container.repositories.storeEvents.claimDue(
      'dead-worker',
      clock.now(),
      60_000,
      10,
    );
    expect(dead).toHaveLength(1);
    expect(await process()).toMatchObject({ claimed: 0 });
    clock.advance(app.container.config.worker.leaseMs + 1);
    expect(await process()).toMatchObject({ claimed: 1, processed: 1 });
    expect(await find(`shopify:${shop}:9101`)).not.toBeNull();

    for (let i = 0; i < 20; i++)
      await send('orders/create', order({ id: 9200 + i, name: `#${9200 + i}` }));
    const other = new StoreEventProcessor({
      ...app.container,
      processId: 'second-worker',
    });
    const [a, b] = await Promise.all([process(), other.processDue()]);
    expect(a.claimed + b.claimed).toBe(20);
    expect(await StoreEventModel.countDocuments({ state: 'pending' })).toBe(0);
  });

  it('when privacy topics arrive, then a data request is recorded and exportable, customers/redact erases the guest and shop/redact erases the shop', async () => {
    for (const id of [299938, 280263])
      await send('orders/create', order({ id, name: `#${id}`, email: 'john@example.com' }));
    await send('orders/create', order({ id: 220000, name: '#220000', email: 'other@example.com' }));
    await send('customers/data_request', fixture('shopify/customers-data-request.json'));
    await process();
    const listed = await request(app.url)
      .get('/api/v1/integrations/data-requests')
      .set('Authorization', `Bearer ${apiKey}`);
    expect(listed.body.dataRequests[0]).toMatchObject({
      requestId: '9999',
      customer: { email: 'john@example.com', externalId: '191167' },
    });
    const exported = await request(app.url)
      .get(`/api/v1/integrations/data-requests/${listed.body.dataRequests[0].id}/export`)
      .set('Authorization', `Bearer ${apiKey}`);
    expect(exported.status).toBe(200);
    expect(exported.body.orders.map((o: { orderNumber: string }) => o.orderNumber).sort()).toEqual([
      '#280263',
      '#299938',
    ]);

    await send('customers/redact', fixture('shopify/customers-redact.json'));
    await process();
    const redacted = await find(`shopify:${shop}:299938`);
    expect(redacted?.erasedAt).toBeInstanceOf(Date);
    expect(redacted?.guest.email ?? null).toBeNull();
    expect((await find(`shopify:${shop}:220000`))?.erasedAt).toBeUndefined();
    const after = await request(app.url)
      .get('/api/v1/integrations/data-requests')
      .set('Authorization', `Bearer ${apiKey}`);
    expect(after.body.dataRequests).toHaveLength(0);

    await send('shop/redact', fixture('shopify/shop-redact.json'));
    await process();
    expect((await find(`shopify:${shop}:220000`))?.erasedAt).toBeInstanceOf(Date);
    expect((await find())?.erasedAt).toBeInstanceOf(Date);
  });
});
