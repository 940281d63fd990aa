import request from 'supertest';
import { NotificationModel, ShipmentModel } from '../../../src/db/models';
import { ManualClock } from '../../../src/shared/clock';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { familyNames, sample } from '../../support/prometheus-text';
import { startTestApp } from '../../support/test-app';
import {
  paceMs,
  seedMerchant,
  seedOrder,
  seedShipments,
  simulatedRegistry,
  start,
} from '../tracking/tracking-fixtures';

const token = 'scrape-token-0123456789';
const never = { POLL_CRON: '0 0 1 1 *', DISPATCH_CRON: '0 0 1 1 *', MAINTENANCE_CRON: '0 0 1 1 *' };

async function scrape(url: string): Promise<string> {
  const res = await request(url).get('/metrics').set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
}

describe('GET /metrics on the worker', () => {
  it('when the worker polls and dispatches, then its own server reports freshness, carrier errors, takeovers, outbox and messages', async () => {
    const clock = new ManualClock(start);
    const worker = await startTestApp({
      web: false,
      worker: true,
      env: { ...never, METRICS_TOKEN: token },
      overrides: { clock, carriers: simulatedRegistry() },
    });
    try {
      expect(worker.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const url = worker.metricsUrl as string;
      expect((await request(url).get('/metrics')).status).toBe(401);
      expect((await request(url).get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(
        401,
      );

      const merchant = await seedMerchant(worker.container);
      const order = await seedOrder(worker.container, merchant, 'order-metrics');
      await seedShipments(order, ['SIM1HAPPY', 'SIM2NOFND']);
      clock.advance(paceMs * 1.5);
      let text = await scrape(url);
      expect(
        sample(text, 'porchlight_tracking_oldest_due_age_seconds', { carrier: 'simulated' }),
      ).toBe(30);

      // A worker that died holding both shipments: its leases expire and this worker takes over.
      await ShipmentModel.updateMany(
        {},
        { $set: { lease: { owner: 'dead-worker', expiresAt: clock.now() } } },
      );
      await worker.container.tracking.poll.pollDue();
      text = await scrape(url);
      expect(sample(text, 'porchlight_lease_takeovers_total', { kind: 'shipment' })).toBe(2);
      expect(
        sample(text, 'porchlight_tracking_poll_lag_seconds_count', { carrier: 'simulated' }),
      ).toBe(2);
      expect(
        sample(text, 'porchlight_tracking_poll_lag_seconds_bucket', {
          carrier: 'simulated',
          le: '30',
        }),
      ).toBe(2);
      expect(sample(text, 'porchlight_carrier_checks_total', { carrier: 'simulated' })).toBe(2);
      expect(
        sample(text, 'porchlight_carrier_errors_total', {
          carrier: 'simulated',
          kind: 'not_found',
        }),
      ).toBe(1);
      const pending = sample(text, 'porchlight_outbox_notifications', { state: 'pending' });
      expect(pending).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'porchlight_outbox_notifications', { state: 'sending' })).toBe(0);

      clock.advance(1_000);
      const dispatched = await worker.container.notify.dispatcher.dispatchDue();
      expect(dispatched.sent).toBeGreaterThanOrEqual(1);
      await NotificationModel.updateOne({}, { $set: { state: 'unknown' } });
      text = await scrape(url);
      expect(
        sample(text, 'porchlight_messages_total', {
          channel: 'email',
          outcome: 'sent',
          reason: 'provider_accepted',
        }),
      ).toBe(dispatched.sent);
      expect(
        sample(text, 'porchlight_provider_request_duration_seconds_count', {
          channel: 'email',
          provider: 'log',
          result: 'ok',
        }),
      ).toBe(dispatched.sent);
      expect(sample(text, 'porchlight_outbox_notifications', { state: 'pending' })).toBe(
        (pending as number) - dispatched.sent - dispatched.skipped,
      );
      expect(sample(text, 'porchlight_notifications_unknown')).toBe(1);
      expect(sample(text, 'porchlight_webhook_deliveries_total', { outcome: 'delivered' })).toBe(0);
      expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(familyNames(text)).toEqual(expect.arrayContaining(['nodejs_eventloop_lag_seconds']));
    } finally {
      await worker.stop();
    }
  });
});

describe('GET /metrics on the web process', () => {
  it('when requests are served, then their latency is reported by route pattern, never by raw URL', async () => {
    const web = await startTestApp({ env: { METRICS_TOKEN: token } });
    try {
      const merchant = await web.container.repositories.merchants.create('metrics-shop', {
        name: 'Metrics shop',
        branding: { displayName: 'Metrics shop', primaryColor: '#123456' },
        senders: { email: {}, sms: {} },
        preferences: defaultMerchantPreferences(),
      });
      const { secret } = await web.container.repositories.apiKeys.issue(merchant.id);
      const created = await request(web.url)
        .post('/api/v1/orders')
        .set('Authorization', `Bearer ${secret}`)
        .send({
          externalId: 'shop-1',
          orderNumber: '1',
          guest: { email: 'ada@example.com', locale: 'en', timezone: 'Europe/Paris' },
          items: [{ name: 'Mug', quantity: 1 }],
          shipments: [{ trackingNumber: 'SIM5HAPPY' }],
        });
      expect(created.status).toBe(201);
      const link = new URL(created.body.statusUrl as string).pathname;
      expect((await request(web.url).get(link)).status).toBe(200);
      expect((await request(web.url).get('/metrics')).status).toBe(401);

      const text = await scrape(web.url);
      expect(
        sample(text, 'porchlight_http_request_duration_seconds_count', {
          method: 'POST',
          route: '/api/v1/orders',
          status: '201',
        }),
      ).toBe(1);
      expect(
        sample(text, 'porchlight_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/t/:token',
          status: '200',
        }),
      ).toBe(1);
      expect(text).not.toContain(link.slice(3));
      expect(sample(text, 'porchlight_outbox_notifications', { state: 'pending' })).toBe(0);
      expect(
        sample(text, 'porchlight_tracking_oldest_due_age_seconds', { carrier: 'simulated' }),
      ).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      await web.stop();
    }
  });
});
