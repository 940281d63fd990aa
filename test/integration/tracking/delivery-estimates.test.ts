import { LaneStatsModel, ShipmentModel } from '../../../src/db/models';
import { LaneStatsRepository } from '../../../src/db/repositories/lane-stats.repository';
import { ManualClock } from '../../../src/shared/clock';
import { laneKeys } from '../../../src/tracking/estimate/lane';
import type { DeliveryObservation } from '../../../src/tracking/estimate/transit-stats';
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

const observation = (days: number, week = '2026-03-02'): DeliveryObservation => ({
  week,
  toDelivery: { picked_up: days, in_transit: days },
  gaps: [
    { stage: 'picked_up', bin: 3 },
    { stage: 'picked_up', bin: 3 },
  ],
});

describe('lane statistics', () => {
  it('when deliveries of one lane are recorded at once, then every one is counted in one document per week', async () => {
    const repository = new LaneStatsRepository();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        repository.record([{ lanes: ['ups|*|*>*'], observation: observation(i % 2) }]),
      ),
    );
    await repository.record([
      { lanes: ['ups|*|*>*'], observation: observation(4, '2026-02-23') },
      { lanes: ['ups|*|*>*'], observation: observation(4, '2025-12-01') },
    ]);
    expect(await LaneStatsModel.countDocuments({ lane: 'ups|*|*>*' })).toBe(3);
    const weeks = await repository.weeksOf(['ups|*|*>*', 'fedex|*|*>*'], '2026-01-05');
    expect(weeks.get('ups|*|*>*')).toEqual([
      {
        toDelivery: { picked_up: [5, 5], in_transit: [5, 5] },
        gaps: { picked_up: [0, 0, 0, 20] },
      },
      {
        toDelivery: { picked_up: [0, 0, 0, 0, 1], in_transit: [0, 0, 0, 0, 1] },
        gaps: { picked_up: [0, 0, 0, 2] },
      },
    ]);
    expect(weeks.has('fedex|*|*>*')).toBe(false);
  });
});

describe('delivery estimates in the tracking flow', () => {
  it("when the carrier gives no date, then the shipment carries Porchlight's estimate from its lane, and its delivery teaches the lane", async () => {
    const clock = new ManualClock(start);
    const container = worker(trackingTestConfig(), clock, 'estimates');
    const merchant = await seedMerchant(container);
    const order = await seedOrder(container, merchant, 'quiet-1');
    // Simulated parcels start in Columbus, OH; this order goes to France.
    const lanes = laneKeys({
      carrier: 'simulated',
      origin: { region: 'OH', country: 'US' },
      destination: { country: 'FR' },
    });
    await container.repositories.laneStats.record(
      Array.from({ length: 40 }, (_, i) => ({ lanes, observation: observation(i < 30 ? 2 : 3) })),
    );
    await seedShipments(order, ['SIM1QUIET', 'SIM2HAPPY']);

    clock.set(new Date(start.getTime() + 2.5 * paceMs));
    await container.tracking.poll.pollDue();
    const [quiet, happy] = await container.repositories.shipments.findByOrder(order.id);
    // Picked up Monday 2 March (New York): 2 or 3 business days.
    expect(quiet?.estimate).toEqual({
      from: '2026-03-04',
      to: '2026-03-05',
      mostLikely: '2026-03-04',
      source: 'porchlight',
      confidence: 1,
    });
    expect(happy?.estimate).toMatchObject({ source: 'carrier', from: '2026-03-05' });

    clock.set(new Date(start.getTime() + 10 * paceMs));
    await container.tracking.poll.pollDue();
    expect(await ShipmentModel.countDocuments({ status: 'delivered' })).toBe(2);
    const finest = await LaneStatsModel.findOne({ lane: lanes[0], week: '2026-03-02' }).lean();
    expect(finest?.deliveries).toBe(42);
    expect((finest?.toDelivery as Record<string, Record<string, number>>).in_transit).toEqual({
      '0': 2,
      '2': 30,
      '3': 10,
    });
  });
});
