import type { TrackingEvent } from '../shipment';
import { businessHoursBetween, type BusinessCalendar } from './business-calendar';
import type { EstimatorPolicy } from './estimator-policy';
import { gapBinHours, quantileBin, total, type Histogram, type Stage } from './transit-stats';

/** Stages where silence is the carrier's: before pickup the merchant may simply not have shipped. */
const watchedStages: readonly Stage[] = ['picked_up', 'in_transit'];

/** Gaps counted before a lane's quantile is trusted. */
const minGaps = 30;

/** Business hours of silence beyond which a parcel at this stage is slower than usual. */
export function usualGapHours(gaps: Histogram, policy: EstimatorPolicy): number | undefined {
  if (total(gaps) < minGaps) return undefined;
  return (quantileBin(gaps, policy.delayQuantile) + 1) * gapBinHours + policy.delayMarginHours;
}

export interface EarlyDelayInput {
  now: Date;
  stage: Stage;
  events: readonly TrackingEvent[];
  /** The lane's scan gaps at this stage, in bins of `gapBinHours`. */
  gaps: Histogram;
  calendar: BusinessCalendar;
  policy: EstimatorPolicy;
}

/**
 * Early delay: the parcel has gone longer without a scan than its lane's usual gap at this stage
 * (the quantile in the policy), counting only the carrier's business hours.
 */
export function isSlowerThanUsual(input: EarlyDelayInput): boolean {
  if (!watchedStages.includes(input.stage)) return false;
  const limit = usualGapHours(input.gaps, input.policy);
  if (limit === undefined) return false;
  const last = input.events.reduce<Date | undefined>(
    (a, e) => (!a || e.occurredAt > a ? e.occurredAt : a),
    undefined,
  );
  if (!last) return false;
  return businessHoursBetween(last, input.now, input.calendar) > limit;
}
