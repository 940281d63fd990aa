import {
  planShipmentUpdate,
  type ShipmentState,
} from '../../../../src/tracking/domain/plan-update';
import type { CarrierOutcome } from '../../../../src/tracking/carrier';
import { isSlowerThanUsual } from '../../../../src/tracking/estimate/early-delay';
import { defaultEstimatorPolicy } from '../../../../src/tracking/estimate/estimator-policy';
import type { EstimateContext } from '../../../../src/tracking/estimate/plan-estimate';
import { event, freshShipment, policy, result } from '../fixtures';
import { histogram, ups, upsCalendar, week } from './estimate-fixtures';

// The lane's scans usually come 10-12 business hours apart (bin 5 of 2 h): with the tuned
// quantile and margin, more than 16 business hours of silence is slower than usual.
const usualGaps = { 5: 100 };
const context: EstimateContext = {
  standards: ups,
  calendar: upsCalendar,
  lanes: [[week({ 2: 70, 3: 30 }, usualGaps)]],
  policy: defaultEstimatorPolicy,
};
// Friday 2026-03-06 16:00 New York (EST).
const scans = [
  event('lc', 'pending', '2026-03-05T15:00:00Z'),
  event('pu', 'in_transit', '2026-03-06T21:00:00Z'),
];

function slower(now: string, events = scans) {
  return isSlowerThanUsual({
    now: new Date(now),
    stage: events.length > 1 ? 'picked_up' : 'label_created',
    events,
    gaps: histogram(usualGaps),
    calendar: upsCalendar,
    policy: defaultEstimatorPolicy,
  });
}

function after(state: ShipmentState, outcome: CarrierOutcome, now: string) {
  const plan = planShipmentUpdate(state, outcome, {
    now: new Date(now),
    policy,
    collapseMilestones: true,
    random: () => 0.5,
    estimation: context,
  });
  return { plan, state: { ...plan.changes, createdAt: state.createdAt } };
}

describe('early delay', () => {
  it('when the weekend and a DST change pass in silence, then only business hours count', () => {
    // Friday 16:00 EST to Monday 07:00 EDT: 8 + 7 = 15 business hours.
    expect(slower('2026-03-09T11:00:00Z')).toBe(false);
    // Monday 09:00 EDT: 17 business hours.
    expect(slower('2026-03-09T13:00:00Z')).toBe(true);
  });

  it("when the parcel has only a label, then silence is not the carrier's and never alarms", () => {
    expect(slower('2026-03-20T13:00:00Z', scans.slice(0, 1))).toBe(false);
  });

  it('when the lane has too few gaps to know its usual, then the rule stays quiet', () => {
    expect(
      isSlowerThanUsual({
        now: new Date('2026-03-20T13:00:00Z'),
        stage: 'picked_up',
        events: scans,
        gaps: histogram({ 5: 5 }),
        calendar: upsCalendar,
        policy: defaultEstimatorPolicy,
      }),
    ).toBe(false);
  });

  it('when a parcel goes quiet longer than its lane usually does, then it stalls as slower than usual, the guest hears it once with a later estimate, and the next scan clears it', () => {
    const outcome = (events = scans): CarrierOutcome => ({ ok: true, result: result(events) });
    const friday = after(
      freshShipment(new Date('2026-03-05T15:00:00Z')),
      outcome(),
      '2026-03-06T22:00:00Z',
    );
    expect(friday.state.estimate).toMatchObject({
      from: '2026-03-10',
      to: '2026-03-11',
      source: 'porchlight',
    });
    expect(friday.plan.notify).toEqual(['shipped']);

    const monday = after(friday.state, outcome(), '2026-03-09T13:00:00Z');
    expect(monday.plan.notify).toEqual(['stalled']);
    expect(monday.state).toMatchObject({
      stalledReason: 'slower_than_usual',
      stalledAt: new Date('2026-03-09T13:00:00Z'),
    });

    const moving = [...scans, event('hub', 'in_transit', '2026-03-09T15:00:00Z')];
    const scanned = after(monday.state, outcome(moving), '2026-03-09T16:00:00Z');
    expect(scanned.state.stalledAt).toBeNull();
    expect(scanned.state.stalledReason).toBeUndefined();

    const quietAgain = after(scanned.state, outcome(moving), '2026-03-11T16:00:00Z');
    expect(quietAgain.state.stalledReason).toBe('slower_than_usual');
    expect(quietAgain.plan.notify).toEqual([]);
  });

  it('when the slow parcel is late past its usual days, then the estimate moves later', () => {
    const quiet = after(
      freshShipment(new Date('2026-03-05T15:00:00Z')),
      { ok: true, result: result(scans) },
      '2026-03-11T15:00:00Z',
    );
    // Wednesday: three business days since pickup, so only the 3-day deliveries remain.
    expect(quiet.state.estimate).toMatchObject({ from: '2026-03-11', mostLikely: '2026-03-11' });
  });

  it('when a shipment stalls by the plain no-scan rule, then its reason says so', () => {
    const quiet = after(
      freshShipment(new Date('2026-03-05T15:00:00Z')),
      { ok: true, result: result(scans) },
      '2026-03-06T22:00:00Z',
    );
    const plan = planShipmentUpdate(
      quiet.state,
      { ok: true, result: result(scans) },
      {
        now: new Date('2026-03-12T15:00:00Z'),
        policy,
        collapseMilestones: true,
        random: () => 0.5,
      },
    );
    expect(plan.changes).toMatchObject({ stalledReason: 'no_scan' });
  });
});
