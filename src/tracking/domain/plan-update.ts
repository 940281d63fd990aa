import type { CarrierOutcome } from '../carrier';
import { applyEstimate, type EstimateContext } from '../estimate/plan-estimate';
import type { Shipment, TrackingProblemKind } from '../shipment';
import { businessDaysBetween } from './business-days';
import { diffTimeline } from './diff-events';
import { applyEta } from './eta-change';
import { backoffPollAt, nextPollAt, type PollSchedulePolicy, type Random } from './poll-schedule';
import { mostSignificant } from './status-progress';
import { isFinal, type Milestone } from './taxonomy';

export interface TrackingPolicy extends PollSchedulePolicy {
  /** Days without a new scan after which tracking gives up (status `expired`). */
  expireAfterDays: number;
  /** Business days in transit without a new scan that make a shipment `stalled`. */
  stalledBusinessDays: number;
}

/**
 * What a check may change: tracking state only. Identity, references, items, the lease and the
 * fence belong to other writers (store updates, erasure, claims) and are never written back.
 */
export const shipmentStateFields = [
  'status',
  'events',
  'eta',
  'deliveredTo',
  'handledBy',
  'milestones',
  'lastCheckedAt',
  'lastEventAt',
  'stalledAt',
  'stalledReason',
  'estimate',
  'consecutiveFailures',
  'finalAt',
  'trackingProblem',
  'problemKind',
] as const satisfies ReadonlyArray<keyof Shipment>;

export type ShipmentState = Pick<Shipment, (typeof shipmentStateFields)[number] | 'createdAt'>;

/** The fields a completed check writes back (the repository adds the fence condition). */
export type ShipmentChanges = Omit<ShipmentState, 'createdAt'> & { nextPollAt: Date | null };

export interface UpdatePlan {
  changes: ShipmentChanges;
  /** Milestones reached for the first time by this check. */
  reached: Milestone[];
  /** The milestones to notify: the most significant one, or all when not collapsing. */
  notify: Milestone[];
  becameFinal: boolean;
}

export interface PlanOptions {
  now: Date;
  policy: TrackingPolicy;
  collapseMilestones: boolean;
  random: Random;
  /** Lane statistics and service standards for this shipment; without them no estimate. */
  estimation?: EstimateContext;
}

const dayMs = 86_400_000;

const problemByError: Partial<Record<string, TrackingProblemKind>> = {
  not_found: 'not_found',
  invalid_number: 'invalid_number',
  auth: 'carrier_auth',
};

/** The shipment's state fields as they are (the shipment handed in is usually a whole one). */
function unchanged(shipment: ShipmentState): ShipmentChanges {
  const state: Partial<Record<keyof ShipmentChanges, unknown>> = { nextPollAt: null };
  for (const field of shipmentStateFields) if (field in shipment) state[field] = shipment[field];
  return state as ShipmentChanges;
}

/** Folds one carrier outcome into a successful or failed check. */
function applyOutcome(shipment: ShipmentState, outcome: CarrierOutcome, options: PlanOptions) {
  const { now, policy, random } = options;
  const changes = unchanged(shipment);
  const reached: Milestone[] = [];
  if (!outcome.ok) {
    const kind = outcome.error.kind;
    changes.consecutiveFailures = shipment.consecutiveFailures + 1;
    const problem = problemByError[kind];
    if (problem) {
      changes.problemKind = problem;
      changes.trackingProblem = outcome.error.message;
    }
    changes.nextPollAt =
      kind === 'invalid_number'
        ? null
        : kind === 'not_found'
          ? nextPollAt('pending', now, policy, random)
          : backoffPollAt(
              changes.consecutiveFailures,
              now,
              policy,
              random,
              outcome.error.retryAfterMs,
            );
    return { changes, reached };
  }
  const { result } = outcome;
  const timeline = diffTimeline(
    {
      status: shipment.status,
      events: shipment.events,
      reached: shipment.milestones.map((m) => m.milestone),
    },
    result,
  );
  reached.push(...timeline.milestones);
  const eta = applyEta(shipment.eta ?? {}, result.eta, now);
  if (eta.delayed && !shipment.milestones.some((m) => m.milestone === 'delayed'))
    reached.push('delayed');
  // Field by field: Object.assign of a literal here was 2.6% of a poll worker's CPU.
  changes.status = timeline.status;
  changes.events = timeline.events;
  changes.eta = eta.eta;
  changes.deliveredTo = result.deliveredTo ?? shipment.deliveredTo;
  changes.handledBy = result.handledBy ?? shipment.handledBy;
  changes.lastCheckedAt = now;
  changes.lastEventAt = timeline.lastEventAt;
  changes.consecutiveFailures = 0;
  changes.trackingProblem = undefined;
  changes.problemKind = undefined;
  changes.stalledAt = timeline.freshScan ? null : (shipment.stalledAt ?? null);
  return { changes, reached };
}

/** Stalled and expired depend on time passing, not on what the carrier said. */
function applyTimeRules(
  shipment: ShipmentState,
  changes: ShipmentChanges,
  reached: Milestone[],
  options: PlanOptions,
) {
  const { now, policy } = options;
  const quietSince = changes.lastEventAt ?? shipment.createdAt;
  if (isFinal(changes.status)) return;
  if (now.getTime() - quietSince.getTime() >= policy.expireAfterDays * dayMs) {
    changes.status = 'expired';
    return;
  }
  const stalled =
    changes.status === 'in_transit' &&
    changes.lastEventAt !== undefined &&
    businessDaysBetween(changes.lastEventAt, now) >= policy.stalledBusinessDays;
  if (stalled && !changes.stalledAt) {
    changes.stalledAt = now;
    const known = [...shipment.milestones.map((m) => m.milestone), ...reached];
    if (!known.includes('stalled')) reached.push('stalled');
  }
}

/**
 * Everything one check decides for one shipment: the new state, the milestones reached, which
 * of them to notify, and when to ask the carrier again. Pure: data and a clock in.
 */
export function planShipmentUpdate(
  shipment: ShipmentState,
  outcome: CarrierOutcome,
  options: PlanOptions,
): UpdatePlan {
  const { now, policy, random } = options;
  const { changes, reached } = applyOutcome(shipment, outcome, options);
  applyTimeRules(shipment, changes, reached, options);
  applyEstimate(changes, shipment, reached, now, options.estimation);
  changes.milestones = [
    ...shipment.milestones,
    ...reached.map((milestone) => ({ milestone, at: now })),
  ];
  const final = isFinal(changes.status);
  if (final) {
    changes.finalAt = shipment.finalAt ?? now;
    changes.nextPollAt = null;
    changes.stalledAt = null;
  } else if (outcome.ok) {
    changes.nextPollAt = nextPollAt(changes.status, now, policy, random);
  }
  const top = mostSignificant(reached);
  return {
    changes,
    reached,
    notify: options.collapseMilestones ? (top ? [top] : []) : reached,
    becameFinal: final && !shipment.finalAt,
  };
}
