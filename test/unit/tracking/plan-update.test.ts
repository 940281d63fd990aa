import {
  planShipmentUpdate,
  shipmentStateFields,
  type ShipmentState,
} from '../../../src/tracking/domain/plan-update';
import { backoffPollAt, nextPollAt } from '../../../src/tracking/domain/poll-schedule';
import type { CarrierOutcome } from '../../../src/tracking/carrier';
import { event, freshShipment, policy, result } from './fixtures';

const options = (now: string, collapseMilestones = true) => ({
  now: new Date(now),
  policy,
  collapseMilestones,
  random: () => 0.5,
});

function after(state: ShipmentState, outcome: CarrierOutcome, now: string, collapse = true) {
  const plan = planShipmentUpdate(state, outcome, options(now, collapse));
  return { plan, state: { ...plan.changes, createdAt: state.createdAt } };
}

describe('planShipmentUpdate', () => {
  it('when the estimate moves a day later, then delayed is reached once, keeping original and revised with their sources', () => {
    const first = after(
      freshShipment(),
      {
        ok: true,
        result: result([event('a', 'in_transit', '2026-03-02T09:00Z')], {
          eta: { date: '2026-03-05', source: 'carrier' },
        }),
      },
      '2026-03-02T10:00Z',
    );
    const moved = after(
      first.state,
      {
        ok: true,
        result: result([event('a', 'in_transit', '2026-03-02T09:00Z')], {
          eta: { date: '2026-03-06', source: 'carrier:revised' },
        }),
      },
      '2026-03-02T12:00Z',
    );
    expect(moved.plan.reached).toEqual(['delayed']);
    expect(moved.state.eta.original).toMatchObject({ date: '2026-03-05', source: 'carrier' });
    expect(moved.state.eta.current).toMatchObject({
      date: '2026-03-06',
      source: 'carrier:revised',
    });
    const again = after(
      moved.state,
      {
        ok: true,
        result: result([event('a', 'in_transit', '2026-03-02T09:00Z')], {
          eta: { date: '2026-03-08', source: 'carrier:revised' },
        }),
      },
      '2026-03-02T14:00Z',
    );
    expect(again.plan.reached).toEqual([]);
  });

  it('when the estimate moves earlier, then nothing is notified', () => {
    const first = after(
      freshShipment(),
      { ok: true, result: result([], { eta: { date: '2026-03-05', source: 'carrier' } }) },
      '2026-03-02T10:00Z',
    );
    const earlier = after(
      first.state,
      { ok: true, result: result([], { eta: { date: '2026-03-04', source: 'carrier' } }) },
      '2026-03-02T12:00Z',
    );
    expect(earlier.plan.reached).toEqual([]);
    expect(earlier.state.eta.current?.date).toBe('2026-03-04');
  });

  it('when in transit with no scan for three business days, then stalled is notified once and the next scan clears it', () => {
    const scans = [event('a', 'in_transit', '2026-03-05T09:00Z')]; // a Thursday
    const start = after(
      freshShipment(),
      { ok: true, result: result(scans) },
      '2026-03-05T10:00Z',
    ).state;
    const monday = after(start, { ok: true, result: result(scans) }, '2026-03-09T10:00Z');
    expect(monday.plan.reached).toEqual([]); // Fri and the weekend: one business day
    const wednesday = after(monday.state, { ok: true, result: result(scans) }, '2026-03-11T10:00Z');
    expect(wednesday.plan.notify).toEqual(['stalled']);
    expect(wednesday.state.stalledAt).toEqual(new Date('2026-03-11T10:00Z'));
    const moving = after(
      wednesday.state,
      { ok: true, result: result([...scans, event('b', 'in_transit', '2026-03-11T11:00Z')]) },
      '2026-03-11T12:00Z',
    );
    expect(moving.state.stalledAt).toBeNull();
    const quietAgain = after(
      moving.state,
      { ok: true, result: result([...scans, event('b', 'in_transit', '2026-03-11T11:00Z')]) },
      '2026-03-17T12:00Z',
    );
    expect(quietAgain.state.stalledAt).not.toBeNull();
    expect(quietAgain.plan.notify).toEqual([]);
  });

  it('when no scan arrives for the configured days, then the shipment expires and polling stops', () => {
    const plan = planShipmentUpdate(
      freshShipment(new Date('2026-03-02T08:00Z')),
      { ok: false, trackingNumber: 'T1', error: { kind: 'not_found', message: 'unknown' } },
      options('2026-04-02T08:00Z'),
    );
    expect(plan.changes.status).toBe('expired');
    expect(plan.changes.nextPollAt).toBeNull();
    expect(plan.changes.finalAt).toEqual(new Date('2026-04-02T08:00Z'));
  });

  it('when several milestones arrive in one poll, then only the most significant is notified unless the merchant wants each', () => {
    const scans = [
      event('a', 'in_transit', '2026-03-02T09:00Z'),
      event('b', 'out_for_delivery', '2026-03-03T07:00Z'),
      event('c', 'delivered', '2026-03-03T12:00Z'),
    ];
    const collapsed = after(
      freshShipment(),
      { ok: true, result: result(scans) },
      '2026-03-03T13:00Z',
    );
    expect(collapsed.plan.reached).toEqual(['shipped', 'out_for_delivery', 'delivered']);
    expect(collapsed.plan.notify).toEqual(['delivered']);
    expect(collapsed.plan.becameFinal).toBe(true);
    expect(collapsed.state.nextPollAt).toBeNull();
    const each = after(
      freshShipment(),
      { ok: true, result: result(scans) },
      '2026-03-03T13:00Z',
      false,
    );
    expect(each.plan.notify).toEqual(['shipped', 'out_for_delivery', 'delivered']);
  });

  it('when the carrier fails transiently, then the shipment backs off exponentially and a Retry-After wins', () => {
    let state = freshShipment();
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const next = after(
        state,
        { ok: false, trackingNumber: 'T1', error: { kind: 'transient', message: 'timeout' } },
        '2026-03-02T10:00Z',
      );
      waits.push(next.state.nextPollAt!.getTime() - Date.parse('2026-03-02T10:00Z'));
      state = next.state;
    }
    expect(waits).toEqual([60_000, 120_000, 240_000]);
    expect(state.consecutiveFailures).toBe(3);
    const limited = planShipmentUpdate(
      state,
      {
        ok: false,
        trackingNumber: 'T1',
        error: { kind: 'rate_limited', message: '429', retryAfterMs: 7_200_000 },
      },
      options('2026-03-02T10:00Z'),
    );
    expect(limited.changes.nextPollAt).toEqual(new Date('2026-03-02T12:00Z'));
  });

  it('when the number is invalid, then the problem is recorded and polling stops; a later success clears it', () => {
    const invalid = after(
      freshShipment(),
      {
        ok: false,
        trackingNumber: 'T1',
        error: { kind: 'invalid_number', message: 'bad check digit' },
      },
      '2026-03-02T10:00Z',
    );
    expect(invalid.state).toMatchObject({
      problemKind: 'invalid_number',
      trackingProblem: 'bad check digit',
      nextPollAt: null,
    });
    const fixed = after(
      invalid.state,
      { ok: true, result: result([event('a', 'in_transit', '2026-03-02T11:00Z')]) },
      '2026-03-02T12:00Z',
    );
    expect(fixed.state.problemKind).toBeUndefined();
    expect(fixed.state.consecutiveFailures).toBe(0);
  });
});

describe('what a check writes back', () => {
  it('when the whole shipment is handed in, then the changes hold tracking state only, never its references, items, lease or fence', () => {
    const whole = {
      ...freshShipment(),
      id: 's1',
      merchantId: 'm1',
      orderId: 'o1',
      carrier: 'ups',
      trackingNumber: '1Z',
      items: [{ name: 'Mug', quantity: 1 }],
      lease: { owner: 'w1', expiresAt: new Date() },
      fence: 3,
      guestErased: false,
      updatedAt: new Date(),
    };
    for (const outcome of [
      { ok: true, result: result([event('a', 'in_transit', '2026-03-02T11:00Z')]) },
      { ok: false, trackingNumber: '1Z', error: { kind: 'transient', message: 'timeout' } },
    ] as CarrierOutcome[]) {
      const { changes } = planShipmentUpdate(whole, outcome, options('2026-03-02T12:00Z'));
      for (const key of Object.keys(changes))
        expect([...shipmentStateFields, 'nextPollAt']).toContain(key);
    }
  });
});

describe('poll schedule', () => {
  it('when a shipment is out for delivery, then it is checked within 15 minutes ± jitter', () => {
    const now = new Date('2026-03-02T10:00Z');
    const low = nextPollAt('out_for_delivery', now, policy, () => 0).getTime() - now.getTime();
    const high =
      nextPollAt('out_for_delivery', now, policy, () => 0.999999).getTime() - now.getTime();
    expect(low).toBe(720_000);
    expect(Math.round(high / 1000)).toBe(1080);
  });

  it('when failures pile up, then the backoff is capped at the maximum', () => {
    const now = new Date('2026-03-02T10:00Z');
    expect(backoffPollAt(20, now, policy, () => 0.5).getTime() - now.getTime()).toBe(3600_000);
  });
});
