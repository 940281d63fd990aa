import nock from 'nock';
import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { verifyWebhook } from '../../../src/merchant-webhooks/webhook-signature';
import { defaultGuestPreferences } from '../../../src/orders/order';
import { ManualClock } from '../../../src/shared/clock';
import { startTestApp } from '../../support/test-app';

describe('merchant webhooks', () => {
  const clock = new ManualClock(new Date());
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  let merchantId: string;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    app = await startTestApp({ overrides: { clock } });
    const merchant = await app.container.repositories.merchants.create('hooked', {
      name: 'Hooked',
      branding: { displayName: 'Hooked', primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    merchantId = merchant.id;
    const { secret } = await app.container.repositories.apiKeys.issue(merchantId);
    key = secret;
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await app.stop();
  });

  const api = (method: 'get' | 'post' | 'delete', path: string) =>
    request(app.url)[method](`/api/v1${path}`).set('Authorization', `Bearer ${key}`);

  async function reachMilestone(externalId: string) {
    const { repositories } = app.container;
    const { order } = await repositories.orders.upsert({
      merchantId,
      externalId,
      orderNumber: externalId,
      guest: {
        consent: { email: { granted: false }, sms: { granted: false } },
        preferences: defaultGuestPreferences,
      },
      destination: {},
      items: [],
    });
    const shipment = await repositories.shipments.ensure({
      merchantId,
      orderId: order.id,
      carrier: 'simulated',
      trackingNumber: `SIM${externalId.length}HAPPY`,
      nextPollAt: null,
    });
    return app.container.merchantWebhooks.milestoneReached(
      order,
      shipment,
      'delivered',
      clock.now(),
    );
  }

  it('when an endpoint is not HTTPS, then it is refused naming the field', async () => {
    const res = await api('post', '/webhooks').send({ url: 'http://hooks.example.com/x' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe('url');
  });

  it.each(['https://localhost/hook', 'https://10.0.0.7/hook', 'https://169.254.169.254/latest'])(
    'when an endpoint points inside our network (%s), then it is refused naming the field',
    async (url) => {
      const res = await api('post', '/webhooks').send({ url });
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0]).toMatchObject({
        field: 'url',
        message: expect.stringMatching(/must be a public address/),
      });
    },
  );

  it('when a milestone is reached, then the endpoint gets a signed event; a failure is retried with backoff until it succeeds', async () => {
    const created = await api('post', '/webhooks').send({
      url: 'https://hooks.example.com/porchlight',
      milestones: ['delivered'],
    });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect((await api('get', '/webhooks')).body.webhooks[0].secret).toBeUndefined();

    expect(await reachMilestone('wh-1')).toBe(1);
    expect(await reachMilestone('wh-1')).toBe(0); // the same event is queued once

    let received: { headers: Record<string, string | string[]>; body: string } | undefined;
    nock('https://hooks.example.com').post('/porchlight').reply(500);
    expect(await app.container.merchantWebhooks.deliverDue()).toEqual({
      delivered: 0,
      retried: 1,
      failed: 0,
    });
    expect(await app.container.merchantWebhooks.deliverDue()).toEqual({
      delivered: 0,
      retried: 0,
      failed: 0,
    }); // backing off
    clock.advance(61_000);
    nock('https://hooks.example.com')
      .post('/porchlight')
      .reply(function (_uri, body) {
        received = {
          headers: this.req.headers as Record<string, string>,
          body: JSON.stringify(body),
        };
        return [204];
      });
    expect(await app.container.merchantWebhooks.deliverDue()).toEqual({
      delivered: 1,
      retried: 0,
      failed: 0,
    });
    const timestamp = Number(received?.headers['porchlight-timestamp']);
    expect(received?.headers['porchlight-event-id']).toMatch(/^[0-9a-f]{24}:delivered$/);
    expect(
      verifyWebhook(
        secret,
        timestamp,
        received!.body,
        String(received?.headers['porchlight-signature']),
      ),
    ).toBe(true);
    expect(JSON.parse(received!.body)).toMatchObject({
      type: 'shipment.milestone',
      data: { milestone: 'delivered', externalId: 'wh-1' },
    });
    const log = (await api('get', '/webhooks/deliveries')).body.deliveries[0];
    expect(log).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(log.history.map((h: { status: number | null }) => h.status)).toEqual([500, 204]);
  });

  it('when an endpoint keeps failing for days, then deliveries give up after 24 hours and the endpoint is disabled with a reason', async () => {
    const created = await api('post', '/webhooks').send({ url: 'https://down.example.com/hook' });
    await reachMilestone('wh-22');
    nock('https://down.example.com').persist().post('/hook').reply(503);
    nock('https://hooks.example.com').persist().post('/porchlight').reply(200);
    for (let hour = 0; hour < 100; hour++) {
      await app.container.merchantWebhooks.deliverDue();
      clock.advance(3_600_000);
      // New events keep the endpoint failing past three days.
      if (hour === 30) await reachMilestone('wh-333');
      if (hour === 60) await reachMilestone('wh-4444');
    }
    const hooks = (await api('get', '/webhooks')).body.webhooks;
    const down = hooks.find((w: { id: string }) => w.id === created.body.id);
    expect(down.disabled).toBe(true);
    expect(down.disabledReason).toMatch(/failing since/);
    const deliveries = (await api('get', '/webhooks/deliveries')).body.deliveries.filter(
      (d: { webhookId: string }) => d.webhookId === created.body.id,
    );
    expect(deliveries.every((d: { state: string }) => d.state === 'failed')).toBe(true);
    expect(
      hooks.find((w: { url: string }) => w.url === 'https://hooks.example.com/porchlight').disabled,
    ).toBe(false);
  });
});
