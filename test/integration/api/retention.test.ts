import mongoose from 'mongoose';
import { buildContainer } from '../../../src/app/container';
import { ShipmentModel } from '../../../src/db/models';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { RetentionService } from '../../../src/orders/retention.service';
import { defaultGuestPreferences } from '../../../src/orders/order';
import { ManualClock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import { testConfig, useTestDatabase } from '../../support/test-app';

useTestDatabase();

describe('data retention', () => {
  it('when an order has been final for longer than RETENTION_DAYS, then its guest data is erased once; younger or moving orders are kept', async () => {
    const clock = new ManualClock(new Date('2026-09-01T00:00:00Z'));
    const app = buildContainer(testConfig({ RETENTION_DAYS: '30' }), createLogger('silent'), {
      clock,
    });
    const merchant = await app.repositories.merchants.create('keep', {
      name: 'Keep',
      branding: { displayName: 'Keep', primaryColor: '#000000' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    async function order(externalId: string, finals: Array<Date | null>) {
      const { order: o } = await app.repositories.orders.upsert({
        merchantId: merchant.id,
        externalId,
        orderNumber: externalId,
        guest: {
          email: `${externalId}@example.com`,
          name: `Guest ${externalId}`,
          consent: { email: { granted: true }, sms: { granted: false } },
          preferences: defaultGuestPreferences,
        },
        destination: {},
        items: [],
      });
      for (const [i, finalAt] of finals.entries()) {
        const s = await app.repositories.shipments.ensure({
          merchantId: merchant.id,
          orderId: o.id,
          carrier: 'simulated',
          trackingNumber: `SIM${externalId}${i}HAPPY`,
          nextPollAt: null,
        });
        await ShipmentModel.updateOne(
          { _id: s.id },
          { $set: { finalAt, status: finalAt ? 'delivered' : 'in_transit' } },
        );
      }
      return o.id;
    }
    const old = await order('old', [
      new Date('2026-06-01T00:00:00Z'),
      new Date('2026-07-01T00:00:00Z'),
    ]);
    const recent = await order('recent', [new Date('2026-08-20T00:00:00Z')]);
    const moving = await order('moving', [new Date('2026-06-01T00:00:00Z'), null]);

    const service = new RetentionService(app);
    expect(await service.eraseExpired()).toEqual({ erased: 1 });
    expect(await service.eraseExpired()).toEqual({ erased: 0 });
    expect((await app.repositories.orders.findById(old))?.guest.email).toBeFalsy();
    expect((await app.repositories.orders.findById(recent))?.guest.email).toBe(
      'recent@example.com',
    );
    expect((await app.repositories.orders.findById(moving))?.guest.email).toBe(
      'moving@example.com',
    );
    const dump = JSON.stringify(
      await mongoose.connection
        .db!.collection('orders')
        .find({ _id: new mongoose.Types.ObjectId(old) })
        .toArray(),
    );
    expect(dump).not.toMatch(/old@example\.com|Guest old/);
  });
});
