import { releaseLeases } from '../../../src/db/lease';
import { NotificationModel, ShipmentModel } from '../../../src/db/models';
import { ManualClock } from '../../../src/shared/clock';
import { useTestDatabase } from '../../support/test-app';
import {
  paceMs,
  seedMerchant,
  seedOrder,
  seedShipments,
  start,
  trackingTestConfig,
  worker,
} from './tracking-fixtures';

useTestDatabase();

describe('leases and fencing', () => {
  it('when a worker crashes holding a lease, then another takes over after expiry and the stale owner’s late write is rejected', async () => {
    const clock = new ManualClock(start);
    const config = trackingTestConfig({ LEASE_SECONDS: '60' });
    const crashed = worker(config, clock, 'crashed-worker');
    const survivor = worker(config, clock, 'survivor');
    const merchant = await seedMerchant(crashed);
    const order = await seedOrder(crashed, merchant, 'order-crash');
    await seedShipments(order, ['SIM1HAPPY']);
    clock.advance(paceMs * 1.5); // picked up

    // The crashed worker claimed the shipment and asked the carrier, then stopped.
    const [claim] = await crashed.repositories.shipments.claimDue({
      owner: 'crashed-worker',
      now: clock.now(),
      leaseMs: 60_000,
      limit: 10,
    });
    expect(claim).toBeDefined();
    const [stale] = await crashed.repositories.shipments.findByIds([claim!.id]);
    const [staleOutcome] = await crashed.carriers
      .get('simulated')!
      .track([stale!.trackingNumber], clock.now());

    // While the lease holds, nobody else may take it.
    expect((await survivor.tracking.poll.pollDue()).claimed).toBe(0);
    clock.advance(61_000 + paceMs * 6); // lease expired; the parcel was delivered meanwhile
    const taken = await survivor.tracking.poll.pollDue();
    expect(taken).toMatchObject({ claimed: 1, completed: 1 });
    const afterTakeover = await ShipmentModel.findById(claim!.id).lean();
    expect(afterTakeover).toMatchObject({ status: 'delivered', lease: null });
    expect(afterTakeover!.fence).toBeGreaterThan(claim!.fence);

    // The paused worker wakes up and tries to complete its old check: the fence refuses it.
    const late = await crashed.tracking.recorder.record(
      [{ shipment: stale!, fence: claim!.fence, outcome: staleOutcome! }],
      clock.now(),
    );
    expect(late.completed).toBe(0);
    const final = await ShipmentModel.findById(claim!.id).lean();
    expect(final!.status).toBe('delivered');
    expect(final!.fence).toBe(afterTakeover!.fence);
    const keys = (await NotificationModel.find({}).lean()).map((n) => n.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(`${claim!.id}:delivered:email`);
  });

  it('when a restarting worker releases its leases, then leases held by other live workers stay', async () => {
    const clock = new ManualClock(start);
    const config = trackingTestConfig();
    const a = worker(config, clock, 'a');
    const merchant = await seedMerchant(a);
    const order = await seedOrder(a, merchant, 'order-release');
    await seedShipments(order, ['SIM2HAPPY', 'SIM3HAPPY']);
    await a.repositories.shipments.claimDue({
      owner: 'a',
      now: clock.now(),
      leaseMs: 60_000,
      limit: 1,
    });
    await a.repositories.shipments.claimDue({
      owner: 'b',
      now: clock.now(),
      leaseMs: 60_000,
      limit: 1,
    });
    expect(await releaseLeases(ShipmentModel, 'a')).toBe(1);
    const owners = (await ShipmentModel.find({ orderId: order.id }).lean()).map(
      (s) => s.lease?.owner ?? null,
    );
    expect(owners.sort()).toEqual(['b', null].sort());
  });
});
