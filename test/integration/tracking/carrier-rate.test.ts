import { buildContainer } from '../../../src/app/container';
import { ShipmentModel } from '../../../src/db/models';
import { ManualClock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import { CarrierRegistry } from '../../../src/tracking/carrier-registry';
import type { CarrierAdapter } from '../../../src/tracking/carrier';
import { SimulatedCarrier } from '../../../src/tracking/carriers/simulated/simulated-carrier';
import { useTestDatabase } from '../../support/test-app';
import {
  paceMs,
  seedMerchant,
  seedOrder,
  seedShipments,
  start,
  trackingTestConfig,
} from './tracking-fixtures';

useTestDatabase();

/** The simulated carrier, one number a request, noting when each request came and how many were in flight. */
function countedCarrier(
  calls: Array<{ worker: string; at: number; inFlight: number }>,
  worker: string,
  limits = { batchSize: 1, concurrency: 4, requestsPerSecond: 5 },
  latencyMs = 0,
) {
  const simulated = new SimulatedCarrier({ paceMs, epoch: start, limits, latencyMs });
  let inFlight = 0;
  const counted: CarrierAdapter = Object.assign(Object.create(simulated) as CarrierAdapter, {
    track: async (numbers: string[], now: Date) => {
      calls.push({ worker, at: Date.now(), inFlight: ++inFlight });
      try {
        return await simulated.track(numbers, now);
      } finally {
        inFlight--;
      }
    },
  });
  return new CarrierRegistry([counted]);
}

describe("a carrier's request rate across workers", () => {
  it('when two workers poll one carrier at once, then together they stay within its requests per second', async () => {
    const clock = new ManualClock(start);
    const config = trackingTestConfig({ POLL_BATCH_SIZE: '2' });
    const calls: Array<{ worker: string; at: number; inFlight: number }> = [];
    const workers = ['worker-a', 'worker-b'].map((processId) =>
      buildContainer(config, createLogger('silent'), {
        clock,
        processId,
        carriers: countedCarrier(calls, processId),
      }),
    );
    const merchant = await seedMerchant(workers[0]!);
    const order = await seedOrder(workers[0]!, merchant, 'rate-order');
    await seedShipments(
      order,
      Array.from({ length: 16 }, (_, i) => `SIM${i}HAPPY`),
    );

    const summaries = await Promise.all(workers.map((w) => w.tracking.poll.pollDue()));

    expect(summaries.reduce((sum, s) => sum + s.completed, 0)).toBe(16);
    expect(calls).toHaveLength(16);
    const perSecond = new Map<number, number>();
    for (const call of calls) {
      const second = Math.floor(call.at / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    // Each worker alone may make 5 a second; the two together may not make more.
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(5);
    expect(perSecond.size).toBeGreaterThanOrEqual(4);
    expect(new Set(calls.map((c) => c.worker))).toEqual(new Set(['worker-a', 'worker-b']));
    const fences = await ShipmentModel.find({}, { fence: 1 }).lean();
    expect(fences.every((s) => s.fence === 1)).toBe(true);
    // The waits are visible: 16 requests at 5 a second wait about 1+2+3 s for later windows.
    const waited = await Promise.all(
      workers.map(async (w) => {
        const metric = await w.metricsRegistry
          .getSingleMetric('porchlight_carrier_budget_wait_seconds_total')!
          .get();
        return metric.values.find((v) => v.labels.carrier === 'simulated')?.value ?? 0;
      }),
    );
    expect(waited[0]! + waited[1]!).toBeGreaterThan(3);
  }, 30_000);

  it("when one worker has several batches in flight, then together they keep to the carrier's concurrency", async () => {
    const clock = new ManualClock(start);
    // Batches of two shipments, three of them in flight at once, one request per number.
    const config = trackingTestConfig({ POLL_BATCH_SIZE: '2' });
    const calls: Array<{ worker: string; at: number; inFlight: number }> = [];
    const limits = { batchSize: 1, concurrency: 2, requestsPerSecond: 1000 };
    const container = buildContainer(config, createLogger('silent'), {
      clock,
      processId: 'worker-a',
      carriers: countedCarrier(calls, 'worker-a', limits, 50),
    });
    const merchant = await seedMerchant(container);
    const order = await seedOrder(container, merchant, 'concurrency-order');
    await seedShipments(
      order,
      Array.from({ length: 12 }, (_, i) => `SIM${i}HAPPY`),
    );

    const summary = await container.tracking.poll.pollDue();

    expect(summary.completed).toBe(12);
    expect(calls).toHaveLength(12);
    // Three batches of two in flight used to mean six requests at once.
    expect(Math.max(...calls.map((c) => c.inFlight))).toBe(2);
  }, 30_000);
});
