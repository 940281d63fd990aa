import mongoose from 'mongoose';
import {
  ApiKeyModel,
  MerchantModel,
  NotificationModel,
  OrderModel,
  ShipmentModel,
  StatusTokenModel,
  SuppressionModel,
} from '../../../src/db/models';
import { resolveDatabase } from '../../../src/db/database-ladder';
import { createLogger } from '../../../src/shared/logger';
import { testDatabaseUri, useTestDatabase } from '../../support/test-app';

useTestDatabase();

const merchantId = new mongoose.Types.ObjectId();
const orderId = new mongoose.Types.ObjectId();

async function expectDuplicate(write: () => Promise<unknown>): Promise<void> {
  await expect(write()).rejects.toMatchObject({ code: 11000 });
}

describe('the database ladder', () => {
  it('when MONGODB_URI is set, then it is used as is and nothing is started', async () => {
    const db = await resolveDatabase({
      uri: testDatabaseUri(),
      embedded: 'memory',
      dataDir: '/nonexistent',
      logger: createLogger('silent'),
    });
    expect(db.rung).toBe('MONGODB_URI');
    expect(db.uri).toBe(testDatabaseUri());
  });
});

describe('unique indexes are enforced by the database', () => {
  it('when an order repeats a merchant external id, then the second insert fails', async () => {
    const order = { merchantId, externalId: 'ext-1', orderNumber: '1', guest: {}, items: [] };
    await OrderModel.create(order);
    await expectDuplicate(() => OrderModel.create(order));
    await OrderModel.create({ ...order, merchantId: new mongoose.Types.ObjectId() });
  });

  it('when a notification repeats an idempotency key, then the second insert fails', async () => {
    const n = {
      idempotencyKey: 'k1',
      merchantId,
      orderId,
      milestone: 'shipped',
      channel: 'email' as const,
      template: 'shipped',
      notBefore: new Date(),
    };
    await NotificationModel.create(n);
    await expectDuplicate(() => NotificationModel.create(n));
  });

  it('when a shipment repeats merchant, carrier and tracking number, then the second insert fails', async () => {
    const s = { merchantId, orderId, carrier: 'ups', trackingNumber: '1Z999' };
    await ShipmentModel.create(s);
    await expectDuplicate(() => ShipmentModel.create(s));
  });

  it('when an update changes a unique key, then a duplicate is refused and the new key finds the document; when it leaves the keys alone, nothing is refused', async () => {
    const base = { merchantId, orderId, carrier: 'fedex' };
    const a = await ShipmentModel.create({ ...base, trackingNumber: 'FX-A' });
    await ShipmentModel.create({ ...base, trackingNumber: 'FX-B' });
    // Only the status and fence change: the unique indexes keep the document as filed.
    await ShipmentModel.collection.updateOne(
      { _id: a._id, fence: 0 },
      { $set: { status: 'in_transit' }, $inc: { fence: 1 } },
    );
    expect(await ShipmentModel.collection.findOne({ _id: a._id, fence: 1 })).toMatchObject({
      status: 'in_transit',
    });
    expect(await ShipmentModel.collection.findOne({ _id: a._id, fence: 0 })).toBeNull();
    await expectDuplicate(() =>
      ShipmentModel.collection.updateOne({ _id: a._id }, { $set: { trackingNumber: 'FX-B' } }),
    );
    await ShipmentModel.collection.updateOne({ _id: a._id }, { $set: { trackingNumber: 'FX-C' } });
    await ShipmentModel.create({ ...base, trackingNumber: 'FX-A' }); // its old key is free again
    await expectDuplicate(() => ShipmentModel.create({ ...base, trackingNumber: 'FX-C' }));
  });

  it('when a token hash, suppression or merchant slug repeats, then the second insert fails', async () => {
    await StatusTokenModel.create({ tokenHash: 'h', merchantId, orderId });
    await expectDuplicate(() => StatusTokenModel.create({ tokenHash: 'h', merchantId, orderId }));
    await SuppressionModel.create({ channel: 'sms', address: '+1202', reason: 'stop' });
    await expectDuplicate(() =>
      SuppressionModel.create({ channel: 'sms', address: '+1202', reason: 'stop' }),
    );
    await MerchantModel.create({
      name: 'A',
      slug: 'a',
      branding: { displayName: 'A' },
      preferences: {},
    });
    await expectDuplicate(() =>
      MerchantModel.create({
        name: 'B',
        slug: 'a',
        branding: { displayName: 'B' },
        preferences: {},
      }),
    );
  });

  it('when an API key hash repeats, then the second key is refused', async () => {
    await ApiKeyModel.create({ merchantId, prefix: 'pl_live_ab', hash: 'same' });
    await expectDuplicate(() =>
      ApiKeyModel.create({
        merchantId: new mongoose.Types.ObjectId(),
        prefix: 'pl_live_cd',
        hash: 'same',
      }),
    );
  });
});
