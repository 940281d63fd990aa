import type { TrackingEvent } from '../shipment';
import {
  addBusinessDays,
  businessDaysAfter,
  dayToDate,
  localDay,
  type BusinessCalendar,
} from './business-calendar';
import type { EstimatorPolicy } from './estimator-policy';
import type { CarrierStandards } from './service-standards';
import { serviceStandard } from './service-standards';
import {
  currentStage,
  recentHistograms,
  total,
  type Histogram,
  type LaneStats,
  type Stage,
} from './transit-stats';

/** A delivery window in the carrier's calendar (YYYY-MM-DD). */
export interface DeliveryEstimate {
  from: string;
  to: string;
  mostLikely: string;
  /** The carrier's own date, or Porchlight's from the parcels it tracked. */
  source: 'carrier' | 'porchlight';
  /** Share of past deliveries of the lane inside the window; null when not learned. */
  confidence: number | null;
}

export interface EstimateInput {
  now: Date;
  events: readonly TrackingEvent[];
  /** When tracking began: the stage clock before any scan. */
  createdAt: Date;
  /** The carrier's current estimate, which wins when present. */
  carrierDate?: string;
  /** Per lane, finest first; each lane's weekly statistics newest first. */
  lanes: readonly (readonly LaneStats[])[];
  standards: CarrierStandards;
  calendar: BusinessCalendar;
  service?: string;
  policy: EstimatorPolicy;
}

/** The lane histograms the parcel is judged on at its stage: the finest lane with enough. */
export function laneHistograms(
  lanes: EstimateInput['lanes'],
  stage: Stage,
  policy: EstimatorPolicy,
): { toDelivery: Histogram; gaps: Histogram } | undefined {
  for (const weeks of lanes) {
    const found = recentHistograms(weeks, stage, policy.recentSamples);
    if (total(found.toDelivery) >= policy.minSamples) return found;
  }
  return undefined;
}

/** Days to delivery counted from the stage day: the window holding most deliveries still ahead. */
function windowOf(histogram: Histogram, elapsed: number, policy: EstimatorPolicy) {
  const ahead = histogram.map((n, d) => (d >= elapsed ? n : 0));
  const sum = total(ahead);
  if (sum === 0) return undefined;
  const mass = (a: number, width: number) => ahead.slice(a, a + width).reduce((x, y) => x + y, 0);
  const best = (width: number) => {
    let start = elapsed;
    for (let a = elapsed; a < ahead.length; a++) if (mass(a, width) > mass(start, width)) start = a;
    return start;
  };
  const single = best(1);
  const width = mass(single, 1) / sum >= policy.singleDayShare ? 1 : policy.windowDays;
  const from = best(width);
  const to = Math.min(from + width - 1, ahead.length - 1);
  let mostLikely = from;
  for (let d = from; d <= to; d++) if ((ahead[d] ?? 0) > (ahead[mostLikely] ?? 0)) mostLikely = d;
  return { from, to, mostLikely, share: mass(from, width) / sum };
}

/** Published transit times: from pickup, plus handling before it, nothing once out for delivery. */
function standardDays(input: EstimateInput, stage: Stage, elapsed: number) {
  const standard = serviceStandard(input.standards, input.service);
  const lead = stage === 'label_created' ? input.standards.handlingDays : 0;
  const min = stage === 'out_for_delivery' ? 0 : standard.minDays + lead;
  const max = stage === 'out_for_delivery' ? 0 : standard.maxDays + lead;
  const from = Math.max(min, elapsed);
  const to = Math.max(max, from);
  return { from, to, mostLikely: Math.max(from, Math.min(to, Math.round((min + max) / 2))) };
}

/**
 * The delivery estimate a guest sees: the carrier's date when it gave one, else Porchlight's from
 * the lane's recent deliveries (days still possible given how long the parcel has been at its
 * stage), else the carrier's published service standard. Pure: data and a clock in.
 */
export function estimateDelivery(input: EstimateInput): DeliveryEstimate {
  if (input.carrierDate)
    return {
      from: input.carrierDate,
      to: input.carrierDate,
      mostLikely: input.carrierDate,
      source: 'carrier',
      confidence: null,
    };
  const { calendar } = input;
  const reached = currentStage(input.events) ?? { stage: 'label_created', at: input.createdAt };
  const stageDay = localDay(reached.at, calendar.timeZone);
  const elapsed = businessDaysAfter(stageDay, localDay(input.now, calendar.timeZone), calendar);
  const learned = laneHistograms(input.lanes, reached.stage, input.policy);
  const window = learned ? windowOf(learned.toDelivery, elapsed, input.policy) : undefined;
  const days = window ?? standardDays(input, reached.stage, elapsed);
  const date = (d: number) => dayToDate(addBusinessDays(stageDay, d, calendar));
  return {
    from: date(days.from),
    to: date(days.to),
    mostLikely: date(days.mostLikely),
    source: 'porchlight',
    confidence: window ? Math.round(window.share * 100) / 100 : null,
  };
}
