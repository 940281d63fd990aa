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

describe('three workers on one database', () => {
  it('when 1,000 simulated shipments are polled by three workers at once, then every milestone reaches the outbox exactly once', async () => {
    const clock = new ManualClock(start);
    const config = trackingTestConfig({ POLL_BATCH_SIZE: '50' });
    const workers = ['worker-a', 'worker-b', 'worker-c'].map((id) => worker(config, clock, id));
    const merchant = await seedMerchant(workers[0]!, false);
    for (let o = 0; o < 100; o++) {
      const order = await seedOrder(workers[0]!, merchant, `order-${o}`);
      await seedShipments(
        order,
        Array.from({ length: 10 }, (_, s) => `SIM${o * 10 + s}RANDM`),
      );
    }
    const claimedBy = new Map<string, number>();
    for (let tick = 0; tick <= 12; tick++) {
      const summaries = await Promise.all(workers.map((w) => w.tracking.poll.pollDue()));
      summaries.forEach((s, i) =>
        claimedBy.set(`w${i}`, (claimedBy.get(`w${i}`) ?? 0) + s.claimed),
      );
      clock.advance(paceMs);
    }

    const shipments = await ShipmentModel.find({}, { milestones: 1, status: 1, lease: 1 }).lean();
    expect(shipments).toHaveLength(1000);
    expect(
      shipments.every((s) => s.status === 'delivered' || s.status === 'returned_to_sender'),
    ).toBe(true);
    expect(shipments.every((s) => s.lease === null)).toBe(true);
    const expected = shipments
      .flatMap((s) => s.milestones.map((m) => `${s._id.toHexString()}:${m.milestone}:email`))
      .sort();
    expect(new Set(expected).size).toBe(expected.length);
    const notifications = await NotificationModel.find({}, { idempotencyKey: 1 }).lean();
    expect(notifications.map((n) => n.idempotencyKey).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(3000);
    // The work was really shared.
    for (const count of claimedBy.values()) expect(count).toBeGreaterThan(0);
    // About 110 s alone on 2 cores; a shared machine at load 10 took past 240 s.
  }, 480_000);
});
