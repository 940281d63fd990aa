import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { ManualClock } from '../../../src/shared/clock';
import { startTestApp } from '../../support/test-app';

describe('simulated journeys in a long-running process', () => {
  it('when an order is created through the API ten minutes after start-up, then its first poll shows the label, not a delivery', async () => {
    // Shipment creation times come from the database server's real clock; the app's clock
    // starts ten minutes before them, as a process started ten minutes ago would.
    const clock = new ManualClock(new Date(Date.now() - 600_000));
    const app = await startTestApp({ overrides: { clock } });
    try {
      const { repositories } = app.container;
      const merchant = await repositories.merchants.create('journey-shop', {
        name: 'Journey shop',
        branding: { displayName: 'Journey shop', primaryColor: '#123456' },
        senders: { email: {}, sms: {} },
        preferences: defaultMerchantPreferences(),
      });
      const { secret } = await repositories.apiKeys.issue(merchant.id);
      clock.set(new Date());
      const created = await request(app.url)
        .post('/api/v1/orders')
        .set('Authorization', `Bearer ${secret}`)
        .send({
          externalId: 'shop-1001',
          orderNumber: '1001',
          guest: { email: 'ada@example.com', locale: 'en', timezone: 'America/New_York' },
          items: [{ name: 'Linen apron', quantity: 1 }],
          shipments: [{ trackingNumber: 'SIM1001HAPPY' }],
        });
      expect(created.status).toBe(201);
      const [fresh] = await repositories.shipments.findByOrder(created.body.order.id as string);
      // Five seconds after the shipment was created, whatever time the request took.
      clock.set(new Date(fresh!.createdAt.getTime() + 5_000));
      await app.container.tracking.poll.pollDue();
      const [shipment] = await repositories.shipments.findByOrder(created.body.order.id as string);
      expect(shipment?.trackingNumber).toBe('SIM1001HAPPY');
      expect(shipment?.status).toBe('pending');
      expect(shipment?.events.map((e) => e.rawCode)).toEqual(['LC']);
      expect(shipment?.milestones ?? []).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
