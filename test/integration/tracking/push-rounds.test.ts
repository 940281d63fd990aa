import { NotificationModel, ShipmentModel } from '../../../src/db/models';
import { ManualClock } from '../../../src/shared/clock';
import type { CarrierResult } from '../../../src/tracking/carrier';
import { PushIngestion, type PushSummary } from '../../../src/tracking/push/push-ingestion';
import type { ShipmentStatus } from '../../../src/tracking/domain/taxonomy';
import { useTestDatabase } from '../../support/test-app';
import { seedMerchant, seedOrder, start, trackingTestConfig, worker } from './tracking-fixtures';

useTestDatabase();

const hour = 3_600_000;

function update(trackingNumber: string, status: ShipmentStatus, hoursAgo: number): CarrierResult {
  return {
    trackingNumber,
    status,
    events: [
      {
        id: `${trackingNumber}-${status}`,
        status,
        rawCode: status.toUpperCase(),
        rawText: status,
        occurredAt: new Date(start.getTime() - hoursAgo * hour),
        utcOffsetMinutes: 0,
      },
    ],
  };
}

async function setUp(parcels: number) {
  const clock = new ManualClock(start);
  const web = worker(trackingTestConfig(), clock, 'web-a');
  const merchant = await seedMerchant(web);
  const ids = new Map<string, string>();
  for (let i = 0; i < parcels; i++) {
    const order = await seedOrder(web, merchant, `push-order-${i}`);
    const shipment = await web.repositories.shipments.ensure({
      merchantId: merchant.id,
      orderId: order.id,
      carrier: 'simulated',
      trackingNumber: `PUSH${i}`,
      nextPollAt: null,
    });
    ids.set(`PUSH${i}`, shipment.id);
  }
  return { clock, web, ids };
}

const outboxOf = async (shipmentId: string) =>
  NotificationModel.countDocuments({ shipmentIds: shipmentId });

describe('pushes applied in rounds', () => {
  it('when thirty pushes arrive at once, then a few rounds apply them all and each answer counts only its own updates', async () => {
    const { web, ids } = await setUp(28);
    const record = jest.spyOn(web.tracking.recorder, 'record');
    const pushes: CarrierResult[][] = [
      ...[...ids.keys()].map((n) => [update(n, 'out_for_delivery', 1)]),
      // A second push for one parcel at the same moment, and a number nobody tracks.
      [update('PUSH0', 'delivered', 0)],
      [update('NOBODY1', 'in_transit', 2)],
    ];
    const answers = await Promise.all(pushes.map((p) => web.tracking.push.ingest('simulated', p)));

    // The first push is applied alone, at once; the others wait for it and go together.
    expect(record.mock.calls.length).toBeLessThanOrEqual(4);
    expect(answers[29]).toEqual({ matched: 0, unmatched: 1, busy: 0, milestones: 0, intents: 0 });
    for (let i = 1; i < 28; i++) {
      expect(answers[i]).toMatchObject({ matched: 1, unmatched: 0, busy: 0 });
      expect(answers[i]!.intents).toBe(await outboxOf(ids.get(`PUSH${i}`)!));
      expect(answers[i]!.intents).toBeGreaterThan(0);
    }
    // Both pushes for PUSH0 were applied, one after the other, and shared its outbox fairly.
    const first = await ShipmentModel.findById(ids.get('PUSH0')).lean();
    expect(first!.status).toBe('delivered');
    expect(first!.events.map((e) => e.status).sort()).toEqual(['delivered', 'out_for_delivery']);
    expect(answers[0]!.intents + answers[28]!.intents).toBe(await outboxOf(ids.get('PUSH0')!));
    expect(answers[28]!.intents).toBeGreaterThan(0);
    // Every shipment was released.
    expect(await ShipmentModel.countDocuments({ lease: { $ne: null } })).toBe(0);
    // The outbox holds each milestone once.
    const keys = (await NotificationModel.find({}, { idempotencyKey: 1 }).lean()).map(
      (n) => n.idempotencyKey,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('when a poller holds a parcel, then its push waits for it without holding up the others, and one held too long is answered busy', async () => {
    const { web, clock, ids } = await setUp(3);
    const { shipments } = web.repositories;
    const hold = async (number: string) => {
      const [s] = await shipments.findByIds([ids.get(number)!]);
      const [won] = await shipments.claimAsRead([s!], {
        owner: 'poller',
        now: clock.now(),
        leaseMs: hour,
      });
      return won!.claim;
    };
    const heldBriefly = await hold('PUSH1');
    await hold('PUSH2');
    const order: string[] = [];
    let sleeps = 0;
    const push = new PushIngestion({
      shipments,
      recorder: web.tracking.recorder,
      clock,
      owner: 'web-a',
      leaseMs: 60_000,
      claimAttempts: 4,
      sleep: async () => {
        sleeps++;
        // The poller finishes PUSH1 during the first wait; PUSH2 stays held throughout.
        if (sleeps === 1) await shipments.completeChecks([{ ...heldBriefly, changes: {} }]);
      },
    });
    const answered = (name: string) => (summary: PushSummary) => {
      order.push(name);
      return summary;
    };
    const [free, waited, held] = await Promise.all([
      push.ingest('simulated', [update('PUSH0', 'in_transit', 3)]).then(answered('PUSH0')),
      push.ingest('simulated', [update('PUSH1', 'in_transit', 3)]).then(answered('PUSH1')),
      push.ingest('simulated', [update('PUSH2', 'in_transit', 3)]).then(answered('PUSH2')),
    ]);
    expect(order[0]).toBe('PUSH0');
    expect(free).toMatchObject({ matched: 1, busy: 0 });
    expect(waited).toMatchObject({ matched: 1, busy: 0 });
    expect(waited.intents).toBe(await outboxOf(ids.get('PUSH1')!));
    expect(held).toMatchObject({ matched: 1, busy: 1, milestones: 0, intents: 0 });
    expect(await outboxOf(ids.get('PUSH2')!)).toBe(0);
    const stillHeld = await ShipmentModel.findById(ids.get('PUSH2')).lean();
    expect(stillHeld!.lease?.owner).toBe('poller');
  });

  it('when the database fails during a round, then every push of that round is answered with the error and later pushes still work', async () => {
    const { web } = await setUp(2);
    const push = web.tracking.push;
    const findByTrackingNumbers = jest
      .spyOn(web.repositories.shipments, 'findByTrackingNumbers')
      .mockRejectedValueOnce(new Error('connection reset'));
    await expect(push.ingest('simulated', [update('PUSH0', 'in_transit', 3)])).rejects.toThrow(
      'connection reset',
    );
    findByTrackingNumbers.mockRestore();
    await expect(
      push.ingest('simulated', [update('PUSH1', 'in_transit', 3)]),
    ).resolves.toMatchObject({ matched: 1, busy: 0 });
  });
});
