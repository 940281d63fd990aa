import type { Milestone } from '../domain/taxonomy';
import { isFinal, type ShipmentStatus } from '../domain/taxonomy';
import type { Shipment } from '../shipment';
import type { BusinessCalendar } from './business-calendar';
import { estimateDelivery, laneHistograms } from './delivery-estimate';
import { isSlowerThanUsual } from './early-delay';
import type { EstimatorPolicy } from './estimator-policy';
import type { CarrierStandards } from './service-standards';
import { currentStage, type LaneStats } from './transit-stats';

/** What the estimator knows about one shipment's lanes, loaded before the plan is made. */
export interface EstimateContext {
  standards: CarrierStandards;
  calendar: BusinessCalendar;
  service?: string;
  /** Per lane, finest first; each lane's weekly statistics newest first. */
  lanes: LaneStats[][];
  policy: EstimatorPolicy;
}

type Planned = Pick<
  Shipment,
  | 'status'
  | 'events'
  | 'eta'
  | 'estimate'
  | 'stalledAt'
  | 'stalledReason'
  | 'lastEventAt'
  | 'problemKind'
>;

/**
 * Adds the delivery estimate and the early-delay rule to a planned update: a parcel silent for
 * longer than its lane usually is becomes `stalled` (reason `slower_than_usual`) and the guest
 * hears `stalled` once; the next scan clears it like any stall.
 */
export function applyEstimate(
  changes: Planned,
  shipment: { createdAt: Date; milestones: Shipment['milestones'] },
  reached: Milestone[],
  now: Date,
  context: EstimateContext | undefined,
): void {
  // A number the carrier does not know (yet) gets no date: there is nothing to count from.
  if (changes.problemKind === 'not_found' || changes.problemKind === 'invalid_number')
    changes.estimate = null;
  else if (context && !isFinal(changes.status)) {
    changes.estimate = estimateDelivery({
      now,
      events: changes.events,
      createdAt: shipment.createdAt,
      carrierDate: changes.eta?.current?.date,
      ...context,
    });
    if (!changes.stalledAt && isLate(changes.status, changes.events, now, context)) {
      changes.stalledAt = now;
      changes.stalledReason = 'slower_than_usual';
      const known = [...shipment.milestones.map((m) => m.milestone), ...reached];
      if (!known.includes('stalled')) reached.push('stalled');
    }
  }
  if (!changes.stalledAt || isFinal(changes.status)) changes.stalledReason = undefined;
  else changes.stalledReason ??= 'no_scan';
}

function isLate(
  status: ShipmentStatus,
  events: Shipment['events'],
  now: Date,
  context: EstimateContext,
): boolean {
  const stage = currentStage(events);
  if (status !== 'in_transit' || !stage) return false;
  const learned = laneHistograms(context.lanes, stage.stage, context.policy);
  return (
    learned !== undefined &&
    isSlowerThanUsual({ now, stage: stage.stage, events, gaps: learned.gaps, ...context })
  );
}
