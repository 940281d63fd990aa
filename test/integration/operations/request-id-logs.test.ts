import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { ManualClock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import { RecordingEmailSender, transient } from '../../fakes/recording-senders';
import { startTestApp } from '../../support/test-app';

type LogLine = Record<string, unknown> & { msg: string };

describe('request ids across the web → worker hand-off', () => {
  it('when an order posted with X-Request-Id is later tracked and notified by the worker, then every line about its notifications names the notification, its shipment and that request', async () => {
    const lines: LogLine[] = [];
    const logger = createLogger('info', {
      write: (line: string) => void lines.push(JSON.parse(line) as LogLine),
    });
    const clock = new ManualClock(new Date());
    const email = new RecordingEmailSender();
    email.failWith.push(transient('503'));
    const app = await startTestApp({
      logger,
      overrides: { clock, senders: { email } },
    });
    try {
      const { repositories } = app.container;
      const merchant = await repositories.merchants.create('log-shop', {
        name: 'Log shop',
        branding: { displayName: 'Log shop', primaryColor: '#123456' },
        senders: { email: {}, sms: {} },
        preferences: defaultMerchantPreferences(),
      });
      const { secret } = await repositories.apiKeys.issue(merchant.id);
      const created = await request(app.url)
        .post('/api/v1/orders')
        .set('Authorization', `Bearer ${secret}`)
        .set('X-Request-Id', 'req-order-1001')
        .send({
          externalId: 'shop-1001',
          orderNumber: '1001',
          guest: {
            email: 'ada@example.com',
            phone: '+1 202 555 0143',
            locale: 'en',
            timezone: 'UTC',
            consent: { sms: { granted: true, at: '2026-11-23T10:00:00Z', source: 'checkout' } },
          },
          items: [{ name: 'Linen apron', quantity: 1 }],
          shipments: [{ trackingNumber: 'SIM1001HAPPY' }],
        });
      expect(created.status).toBe(201);
      expect(
        lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'req-order-1001'),
      ).toBeDefined();

      // The worker's side: the parcel is picked up, then its messages go out (its first send fails, the retry goes out).
      // Journeys start when the shipment is created: 30 s later the parcel has been picked up.
      const [created0] = await repositories.shipments.findByOrder(created.body.order.id as string);
      clock.set(new Date(created0!.createdAt.getTime() + 30_000));
      await app.container.tracking.poll.pollDue();
      expect(await app.container.notify.dispatcher.dispatchDue()).toMatchObject({ retried: 1 });
      clock.advance(120_000);
      expect(await app.container.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
      const [shipment] = await repositories.shipments.findByOrder(created.body.order.id as string);
      const notifications = await repositories.notifications.findByOrder(
        created.body.order.id as string,
      );
      const milestone = notifications.filter((n) => n.shipmentIds.length > 0);
      expect(milestone.length).toBeGreaterThanOrEqual(1);
      expect(notifications.every((n) => n.requestId === 'req-order-1001')).toBe(true);

      const about = (id: string) => lines.filter((l) => JSON.stringify(l).includes(id));
      for (const notification of milestone) {
        const related = about(notification.id);
        expect(related.length).toBeGreaterThanOrEqual(1);
        for (const line of related)
          expect(line).toMatchObject({
            notificationId: notification.id,
            shipmentIds: [shipment!.id],
            requestId: 'req-order-1001',
          });
      }
      expect(lines.map((l) => l.msg)).toEqual(
        expect.arrayContaining(['notification sent', 'send failed']),
      );
      expect(JSON.stringify(lines)).not.toContain('ada@example.com');
    } finally {
      await app.stop();
    }
  });
});
