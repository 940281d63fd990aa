/**
 * The hot writes of a poll pass and a dispatch batch go through the driver, not mongoose
 * (issue 17: mongoose's casting was half of a pass's CPU). These tests pin that each such write
 * stores what mongoose would have stored: the same fields, types and defaults.
 */
import mongoose from 'mongoose';
import { DevMessageModel, NotificationModel, ShipmentModel } from '../../../src/db/models';
import { DevMessageRepository } from '../../../src/db/repositories/dev-message.repository';
import {
  NotificationRepository,
  type NotificationIntent,
} from '../../../src/db/repositories/notification.repository';
import {
  ShipmentRepository,
  type CompletedCheck,
} from '../../../src/db/repositories/shipment.repository';
import type { TrackingEvent } from '../../../src/tracking/shipment';
import { useTestDatabase } from '../../support/test-app';

useTestDatabase();

const { ObjectId } = mongoose.Types;
const ignored = new Set(['_id', '__v', 'createdAt', 'updatedAt', 'idempotencyKey']);

/** Each field's type as BSON stores it, nested: what a driver write could get wrong. */
function shape(value: unknown): unknown {
  if (value instanceof ObjectId) return 'ObjectId';
  if (value instanceof Date) return 'Date';
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !ignored.has(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, child]) => [key, shape(child)]),
    );
  return value === null ? 'null' : typeof value;
}

function intent(key: string): NotificationIntent {
  return {
    idempotencyKey: key,
    merchantId: new ObjectId().toHexString(),
    orderId: new ObjectId().toHexString(),
    shipmentIds: [new ObjectId().toHexString()],
    milestone: 'shipped',
    channel: 'email',
    recipient: 'guest@example.com',
    template: 'shipped',
    locale: 'fr',
    notBefore: new Date(),
  };
}

describe('outbox intents written with the driver', () => {
  it('when an intent is added, then it is stored as mongoose would create it, defaults included', async () => {
    const repo = new NotificationRepository();
    const now = new Date();
    expect(await repo.addIntents([intent('driver-1')], now)).toEqual([0]);
    const written = await NotificationModel.findOne({ idempotencyKey: 'driver-1' }).lean();
    const viaMongoose = await NotificationModel.create({
      ...intent('mongoose-1'),
      history: [{ at: now, state: 'pending', reason: 'created' }],
    });
    const expected = await NotificationModel.findById(viaMongoose._id).lean();
    expect(shape(written)).toEqual(shape(expected));
    expect(written!.createdAt).toBeInstanceOf(Date);
    expect(written!.updatedAt).toEqual(written!.createdAt);
    await expect(NotificationModel.hydrate(written).validate()).resolves.toBeUndefined();
  });

  it('when the same intent is added again, then nothing is written, not even its updatedAt', async () => {
    const repo = new NotificationRepository();
    await repo.addIntents([intent('driver-2')], new Date());
    const before = await NotificationModel.findOne({ idempotencyKey: 'driver-2' }).lean();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await repo.addIntents([intent('driver-2')], new Date())).toEqual([]);
    // Only the new one of a mixed batch is reported, by its position.
    expect(await repo.addIntents([intent('driver-2'), intent('driver-2b')], new Date())).toEqual([
      1,
    ]);
    const after = await NotificationModel.findOne({ idempotencyKey: 'driver-2' }).lean();
    expect(after).toEqual(before);
  });

  it('when a transition moves shipments into a message, then their ids are stored as ObjectIds', async () => {
    const repo = new NotificationRepository();
    await repo.addIntents([intent('driver-3')], new Date());
    const doc = await NotificationModel.findOne({ idempotencyKey: 'driver-3' }).lean();
    const shipmentIds = [new ObjectId().toHexString(), new ObjectId().toHexString()];
    const applied = await repo.transitionMany([
      {
        claim: { id: doc!._id.toHexString(), fence: 0 },
        transition: {
          state: 'skipped',
          reason: 'test',
          at: new Date(),
          set: { shipmentIds },
        },
      },
    ]);
    expect(applied).toEqual(new Set([doc!._id.toHexString()]));
    const after = await NotificationModel.findById(doc!._id).lean();
    expect(after!.shipmentIds.map((id) => id.toHexString())).toEqual(shipmentIds);
    expect(after!.shipmentIds[0]).toBeInstanceOf(ObjectId);
    expect(after!.history.at(-1)).not.toHaveProperty('detail');
    expect(after!.updatedAt.getTime()).toBeGreaterThanOrEqual(doc!.updatedAt.getTime());
    await expect(NotificationModel.hydrate(after).validate()).resolves.toBeUndefined();
  });
});

describe('completed checks written with the driver', () => {
  it('when a check completes, then the shipment holds what mongoose would have written', async () => {
    const repo = new ShipmentRepository();
    const base = {
      merchantId: new ObjectId(),
      orderId: new ObjectId(),
      carrier: 'ups',
      lease: { owner: 'w', expiresAt: new Date() },
      fence: 1,
    };
    const viaDriver = await ShipmentModel.create({ ...base, trackingNumber: '1ZDRIVER' });
    const viaMongoose = await ShipmentModel.create({ ...base, trackingNumber: '1ZMONGOOSE' });
    const at = new Date('2026-11-27T10:00:00Z');
    const event: TrackingEvent = {
      id: 'e1',
      status: 'in_transit',
      rawCode: 'IT',
      rawText: 'Departed facility',
      reasonCode: undefined,
      location: { city: 'Louisville', country: 'US' },
      occurredAt: at,
      utcOffsetMinutes: -300,
    };
    const changes = {
      status: 'in_transit' as const,
      events: [event],
      milestones: [{ milestone: 'shipped' as const, at }],
      lastCheckedAt: at,
      lastEventAt: at,
      nextPollAt: new Date(at.getTime() + 3_600_000),
      consecutiveFailures: 0,
      trackingProblem: undefined,
      estimate: {
        from: '2026-11-29',
        to: '2026-11-30',
        mostLikely: '2026-11-29',
        source: 'porchlight' as const,
        confidence: 0.9,
      },
    };
    expect(
      await repo.completeChecks([{ id: viaDriver._id.toHexString(), fence: 1, changes }]),
    ).toBe(1);
    // What the mongoose path wrote: the same $set, cast by mongoose.
    await ShipmentModel.updateOne(
      { _id: viaMongoose._id },
      { $set: { ...changes, trackingProblem: null, lease: null } },
    );
    const written = await ShipmentModel.findById(viaDriver._id).lean();
    const expected = await ShipmentModel.findById(viaMongoose._id).lean();
    expect(shape({ ...written, trackingNumber: '' })).toEqual(
      shape({ ...expected, trackingNumber: '' }),
    );
    expect(written!.events[0]).not.toHaveProperty('reasonCode');
    expect(written!.trackingProblem).toBeNull();
    expect(written!.lease).toBeNull();
    expect(written!.updatedAt.getTime()).toBeGreaterThan(viaDriver.updatedAt.getTime() - 1);
  });

  it('when a check carries more than tracking state, then only tracking state is written', async () => {
    const repo = new ShipmentRepository();
    const orderId = new ObjectId();
    const shipment = await ShipmentModel.create({
      merchantId: new ObjectId(),
      orderId,
      carrier: 'ups',
      trackingNumber: '1ZEXTRA',
      items: [{ name: 'Mug', quantity: 1 }],
      guestErased: true,
      fence: 2,
    });
    const stale = {
      status: 'delivered',
      orderId: orderId.toHexString(),
      items: [],
      guestErased: false,
      fence: 0,
      lease: { owner: 'w', expiresAt: new Date() },
    } as unknown as CompletedCheck['changes'];
    expect(
      await repo.completeChecks([{ id: shipment._id.toHexString(), fence: 2, changes: stale }]),
    ).toBe(1);
    const written = await ShipmentModel.findById(shipment._id).lean();
    expect(written).toMatchObject({
      status: 'delivered',
      orderId,
      items: [{ name: 'Mug', quantity: 1 }],
      guestErased: true,
      fence: 2,
      lease: null,
    });
  });

  it('when the fence moved on, then the completed check changes nothing', async () => {
    const repo = new ShipmentRepository();
    const shipment = await ShipmentModel.create({
      merchantId: new ObjectId(),
      orderId: new ObjectId(),
      carrier: 'ups',
      trackingNumber: '1ZFENCED',
      fence: 3,
    });
    const changes = { status: 'delivered' as const };
    expect(await repo.completeChecks([{ id: shipment._id.toHexString(), fence: 2, changes }])).toBe(
      0,
    );
    expect((await ShipmentModel.findById(shipment._id).lean())!.status).toBe('pending');
  });
});

describe('log-sender messages written together', () => {
  const message = (i: number, providerMessageId = `log-together-${i}`) => ({
    channel: 'email' as const,
    to: `guest${i}@example.com`,
    subject: `Message ${i}`,
    html: `<p>Message ${i}</p>`,
    text: `Message ${i}`,
    providerMessageId,
  });

  afterEach(() => jest.restoreAllMocks());

  it('when a window of sends records its messages at once, then one insert stores them all and each gets its own id', async () => {
    const repo = new DevMessageRepository();
    const insertMany = jest.spyOn(DevMessageModel.collection, 'insertMany');
    const added = await Promise.all(Array.from({ length: 16 }, (_, i) => repo.add(message(i))));
    expect(insertMany).toHaveBeenCalledTimes(1);
    expect(new Set(added.map((m) => m.id)).size).toBe(16);
    for (const [i, m] of added.entries())
      expect(await repo.findById(m.id)).toMatchObject({ id: m.id, ...message(i) });
    const listed = await repo.list(16);
    expect(listed.map((m) => m.id).sort()).toEqual(added.map((m) => m.id).sort());
  });

  it('when one message of a window cannot be stored, then only its sender hears of it', async () => {
    const repo = new DevMessageRepository();
    await repo.add(message(0, 'log-taken'));
    const results = await Promise.allSettled([
      repo.add(message(1, 'log-fine-1')),
      repo.add(message(2, 'log-taken')),
      repo.add(message(3, 'log-fine-3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 11000 });
    expect(
      await DevMessageModel.countDocuments({
        providerMessageId: { $in: ['log-fine-1', 'log-fine-3'] },
      }),
    ).toBe(2);
    expect(await DevMessageModel.countDocuments({ providerMessageId: 'log-taken' })).toBe(1);
  });

  it('when the database refuses the whole insert, then every sender of the window hears of it', async () => {
    const repo = new DevMessageRepository();
    jest
      .spyOn(DevMessageModel.collection, 'insertMany')
      .mockRejectedValueOnce(new Error('connection reset'));
    const results = await Promise.allSettled([repo.add(message(20)), repo.add(message(21))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await repo.add(message(22))).toMatchObject({ providerMessageId: 'log-together-22' });
  });
});
