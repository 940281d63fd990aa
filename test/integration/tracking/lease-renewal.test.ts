import { buildContainer } from '../../../src/app/container';
import type { Config } from '../../../src/config/config';
import { ShipmentModel } from '../../../src/db/models';
import { ManualClock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import { CarrierRegistry } from '../../../src/tracking/carrier-registry';
import type { CarrierAdapter } from '../../../src/tracking/carrier';
import {
  SimulatedCarrier,
  type SimulatedCarrierOptions,
} from '../../../src/tracking/carriers/simulated/simulated-carrier';
import { useTestDatabase } from '../../support/test-app';
import {
  paceMs,
  seedMerchant,
  seedOrder,
  seedShipments,
  simulatedRegistry,
  start,
  trackingTestConfig,
  worker,
} from './tracking-fixtures';

useTestDatabase();

const leaseMs = 6_000;

/**
 * The simulated carrier, holding each request until `answer` (the one waiting) or `answerAll`
 * (every one from then on) is called.
 */
function heldCarrier(limits?: SimulatedCarrierOptions['limits']) {
  const simulated = new SimulatedCarrier({ paceMs, epoch: start, limits });
  let answer: () => void = () => undefined;
  let answering = false;
  let asked: () => void = () => undefined;
  const wasAsked = new Promise<void>((resolve) => (asked = resolve));
  const held: CarrierAdapter = Object.assign(Object.create(simulated) as CarrierAdapter, {
    track: async (numbers: string[], now: Date) => {
      asked();
      if (!answering) await new Promise<void>((resolve) => (answer = resolve));
      return simulated.track(numbers, now);
    },
  });
  return {
    registry: new CarrierRegistry([held]),
    wasAsked,
    answer: () => answer(),
    answerAll: () => {
      answering = true;
      answer();
    },
  };
}

/** A worker asking `registry`, with one order's shipments `bases` due now. */
async function workerWithShipments(
  config: Config,
  clock: ManualClock,
  processId: string,
  registry: CarrierRegistry,
  bases: string[],
) {
  const container = buildContainer(config, createLogger('silent'), {
    clock,
    processId,
    carriers: registry,
  });
  const merchant = await seedMerchant(container);
  const order = await seedOrder(container, merchant, `order-${processId}`);
  await seedShipments(order, bases);
  clock.advance(paceMs * 1.5);
  return container;
}

describe('poll leases held while carriers answer', () => {
  // The file shares one database: each test starts without the last one's shipments.
  beforeEach(() => ShipmentModel.deleteMany({}));

  it('when a carrier keeps a batch past its lease, then the lease is renewed and no other worker polls it again', async () => {
    const clock = new ManualClock(start);
    const config = trackingTestConfig({ LEASE_SECONDS: String(leaseMs / 1000) });
    const carrier = heldCarrier();
    const slow = await workerWithShipments(config, clock, 'slow-worker', carrier.registry, [
      'SIM1HAPPY',
    ]);
    const other = worker(config, clock, 'other-worker');

    const polling = slow.tracking.poll.pollDue();
    let takenOver: number;
    try {
      await carrier.wasAsked;
      const [claimed] = await ShipmentModel.find({}, { lease: 1, fence: 1 }).lean();
      expect(claimed!.lease?.owner).toBe('slow-worker');
      // The clock passes most of the lease, then a renewal (every third of it) runs from there.
      clock.advance(leaseMs - 1_000);
      await new Promise((resolve) => setTimeout(resolve, leaseMs / 3 + 500));
      // Past the first lease's end: without the renewal the other worker would take it over.
      clock.advance(2_000);
      takenOver = (await other.tracking.poll.pollDue()).claimed;
    } finally {
      carrier.answer(); // a failed expectation must not leave the batch (and its timer) running
    }
    expect(takenOver).toBe(0);
    expect((await polling).completed).toBe(1);
    const [done] = await ShipmentModel.find({}, { lease: 1, fence: 1, milestones: 1 }).lean();
    expect(done!.lease).toBeNull();
    expect(done!.fence).toBe(1);
    expect(done!.milestones.length).toBeGreaterThan(0);
  }, 30_000);

  it('when leases are renewed, then only those this owner still holds are, never a finished or taken-over one', async () => {
    const clock = new ManualClock(start);
    const config = trackingTestConfig();
    const container = buildContainer(config, createLogger('silent'), {
      clock,
      processId: 'renewer',
      carriers: simulatedRegistry(),
    });
    const merchant = await seedMerchant(container);
    const order = await seedOrder(container, merchant, 'order-renew');
    await seedShipments(order, ['SIM1HAPPY', 'SIM2HAPPY', 'SIM3HAPPY']);
    const shipments = container.repositories.shipments;
    const options = { owner: 'renewer', now: clock.now(), leaseMs };
    const claims = await shipments.claimDue({ ...options, limit: 3 });
    expect(claims).toHaveLength(3);
    const [held, finished, takenOver] = claims as [
      (typeof claims)[0],
      (typeof claims)[0],
      (typeof claims)[0],
    ];
    await ShipmentModel.updateOne({ _id: finished.id }, { $set: { lease: null } });
    await ShipmentModel.updateOne(
      { _id: takenOver.id },
      { $set: { lease: { owner: 'someone-else', expiresAt: new Date(0) } } },
    );

    clock.advance(1_000);
    const renewed = await shipments.renewLeases(claims, { ...options, now: clock.now() });

    expect(renewed).toBe(1);
    const byId = new Map(
      (await ShipmentModel.find({}, { lease: 1 }).lean()).map((s) => [s._id.toHexString(), s]),
    );
    expect(byId.get(held.id)!.lease!.expiresAt.getTime()).toBe(clock.now().getTime() + leaseMs);
    expect(byId.get(finished.id)!.lease).toBeNull();
    expect(byId.get(takenOver.id)!.lease!.owner).toBe('someone-else');
  });

  it('when a worker stops mid-batch, then the requests it has not made are given back, due at once', async () => {
    const clock = new ManualClock(start);
    const config = trackingTestConfig();
    // One number a request, one request at a time: the batch's other two wait their turn.
    const carrier = heldCarrier({ batchSize: 1, concurrency: 1, requestsPerSecond: 1000 });
    const stopping = await workerWithShipments(config, clock, 'stopping-worker', carrier.registry, [
      'SIM1HAPPY',
      'SIM2HAPPY',
      'SIM3HAPPY',
    ]);

    const polling = stopping.tracking.poll.pollDue();
    await carrier.wasAsked;
    stopping.tracking.poll.stop();
    carrier.answer();
    const summary = await polling;

    expect(summary).toMatchObject({ claimed: 3, completed: 3, milestones: 1 });
    const shipments = await ShipmentModel.find(
      {},
      { lease: 1, fence: 1, nextPollAt: 1, milestones: 1 },
    ).lean();
    const polled = shipments.filter((s) => s.milestones.length > 0);
    const givenBack = shipments.filter((s) => s.milestones.length === 0);
    expect(polled).toHaveLength(1);
    expect(givenBack).toHaveLength(2);
    for (const s of givenBack) {
      expect(s.lease).toBeNull();
      expect(s.nextPollAt).toEqual(clock.now());
    }
  }, 30_000);

  it('when a carrier is slow, then a worker holds one batch waiting for it, not three', async () => {
    const clock = new ManualClock(start);
    const config = trackingTestConfig({ POLL_BATCH_SIZE: '2' });
    const carrier = heldCarrier({ batchSize: 1, concurrency: 1, requestsPerSecond: 1000 });
    const slow = await workerWithShipments(
      config,
      clock,
      'slow-worker',
      carrier.registry,
      Array.from({ length: 10 }, (_, i) => `SIM${i}HAPPY`),
    );

    const polling = slow.tracking.poll.pollDue();
    let held: number;
    try {
      await carrier.wasAsked;
      await new Promise((resolve) => setTimeout(resolve, 300)); // time enough to claim more
      held = await ShipmentModel.countDocuments({ 'lease.owner': 'slow-worker' });
    } finally {
      carrier.answerAll();
    }
    // The first batch's second request has not started, so the next batch is not claimed yet
    // (three batches in flight used to mean six shipments held).
    expect(held).toBe(2);
    expect((await polling).completed).toBe(10);
  }, 30_000);
});
