import fc from 'fast-check';
import { planShipmentUpdate, type ShipmentState } from '../../../src/tracking/domain/plan-update';
import { rankOf } from '../../../src/tracking/domain/status-progress';
import type { Milestone, ShipmentStatus } from '../../../src/tracking/domain/taxonomy';
import type { TrackingEvent } from '../../../src/tracking/shipment';
import { freshShipment, policy, result } from './fixtures';

const statusPool: ShipmentStatus[] = [
  'pending',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'failed_attempt',
  'exception',
  'delivered',
  'returned_to_sender',
];

/** Turns random statuses into a journey a carrier could really report: never backwards. */
function journey(statuses: ShipmentStatus[]): TrackingEvent[] {
  const events: TrackingEvent[] = [];
  let forward: ShipmentStatus = 'pending';
  for (const [i, raw] of statuses.entries()) {
    const rank = rankOf(raw);
    const status: ShipmentStatus =
      rank !== undefined && rank < (rankOf(forward) ?? 0) ? forward : raw;
    if (rankOf(status) !== undefined) forward = status;
    events.push({
      id: `e${i}`,
      status,
      rawCode: status,
      rawText: status,
      occurredAt: new Date(Date.UTC(2026, 2, 2, 8) + i * 3600_000),
      utcOffsetMinutes: i % 3 === 0 ? null : 60,
    });
    if (status === 'delivered' || status === 'returned_to_sender') break;
  }
  return events;
}

const scenario = fc
  .record({
    statuses: fc.array(fc.constantFrom(...statusPool), { minLength: 1, maxLength: 25 }),
    polls: fc.array(
      fc.record({ cutoff: fc.nat(), keep: fc.array(fc.boolean(), { maxLength: 25 }) }),
      { maxLength: 8 },
    ),
    collapse: fc.boolean(),
  })
  .map(({ statuses, polls, collapse }) => ({ events: journey(statuses), polls, collapse }));

/** Polls that each reveal a random part of what happened so far (late scans included), then everything. */
function run(
  events: TrackingEvent[],
  polls: Array<{ cutoff: number; keep: boolean[] }>,
  collapse: boolean,
) {
  let state: ShipmentState = freshShipment(new Date('2026-03-02T07:00:00Z'));
  const now = new Date('2026-03-04T07:00:00Z'); // before expiry and stall thresholds
  const history: Array<{ before: ShipmentState; after: ShipmentState; notify: Milestone[] }> = [];
  const views = [
    ...polls.map((p) =>
      events.slice(0, (p.cutoff % events.length) + 1).filter((_, i) => p.keep[i] ?? true),
    ),
    events,
  ];
  for (const view of views) {
    const plan = planShipmentUpdate(
      state,
      { ok: true, result: result(view) },
      { now, policy, collapseMilestones: collapse, random: () => 0.5 },
    );
    const after = { ...plan.changes, createdAt: state.createdAt };
    history.push({ before: state, after, notify: plan.notify });
    state = after;
  }
  return { state, history };
}

describe('the diff over random event sequences', () => {
  it('when polled any number of times with late scans, then the journey never regresses', () => {
    fc.assert(
      fc.property(scenario, ({ events, polls, collapse }) => {
        let furthest = 0;
        for (const { before, after } of run(events, polls, collapse).history) {
          const rank = rankOf(after.status);
          // A forward status is never behind one the shipment already held.
          if (rank !== undefined) expect(rank).toBeGreaterThanOrEqual(furthest);
          furthest = Math.max(furthest, rank ?? 0);
          if (rankOf(before.status) === 4) expect(after.status).toBe(before.status);
        }
      }),
    );
  });

  it('when polled any number of times, then no milestone is ever notified or reached twice', () => {
    fc.assert(
      fc.property(scenario, ({ events, polls, collapse }) => {
        const { state, history } = run(events, polls, collapse);
        const notified = history.flatMap((h) => h.notify);
        expect(new Set(notified).size).toBe(notified.length);
        const reached = state.milestones.map((m) => m.milestone);
        expect(new Set(reached).size).toBe(reached.length);
        for (const h of history) expect(h.notify.length).toBeLessThanOrEqual(collapse ? 1 : 9);
      }),
    );
  });

  it('when everything has been reported, then the status is the latest event and every event is kept once', () => {
    fc.assert(
      fc.property(scenario, ({ events, polls, collapse }) => {
        const { state } = run(events, polls, collapse);
        expect(state.status).toBe(events.at(-1)!.status);
        expect(state.events.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
      }),
    );
  });
});
