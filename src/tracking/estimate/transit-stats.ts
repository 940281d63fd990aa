import type { TrackingEvent } from '../shipment';
import {
  businessDaysAfter,
  businessHoursBetween,
  dayToDate,
  localDay,
  weekStart,
  type BusinessCalendar,
} from './business-calendar';

/** Points of a journey from which the days to delivery are counted. */
export const stages = ['label_created', 'picked_up', 'in_transit', 'out_for_delivery'] as const;
export type Stage = (typeof stages)[number];

/** Counts per bin: business days to delivery (bin = days), or business hours between scans. */
export type Histogram = number[];

/** What a lane has learned in one week: per stage, days to delivery and gaps between scans. */
export interface LaneStats {
  toDelivery: Partial<Record<Stage, Histogram>>;
  gaps: Partial<Record<Stage, Histogram>>;
}

/** Longest transit counted in its own bin; longer ones share the last. */
export const maxTransitDays = 20;
/** Scan gaps are counted in bins of this many business hours, up to `gapBins` bins. */
export const gapBinHours = 2;
export const gapBins = 60;

export function gapBin(hours: number): number {
  return Math.min(gapBins - 1, Math.floor(hours / gapBinHours));
}

/** When the parcel reached each stage, read from its scans (oldest first). */
export function stageTimes(events: readonly TrackingEvent[]): Partial<Record<Stage, Date>> {
  const sorted = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const times: Partial<Record<Stage, Date>> = {};
  const moving = sorted.filter((e) => e.status === 'in_transit');
  if (sorted[0]) times.label_created = sorted[0].occurredAt;
  if (moving[0]) times.picked_up = moving[0].occurredAt;
  if (moving[1]) times.in_transit = moving[1].occurredAt;
  const out = sorted.find((e) => e.status === 'out_for_delivery');
  if (out) times.out_for_delivery = out.occurredAt;
  return times;
}

/** The latest stage reached and when; undefined before any scan. */
export function currentStage(
  events: readonly TrackingEvent[],
): { stage: Stage; at: Date } | undefined {
  const times = stageTimes(events);
  for (const stage of [...stages].reverse()) {
    const at = times[stage];
    if (at) return { stage, at };
  }
  return undefined;
}

/** The stage a parcel was in right after `scan`, given when each stage began. */
function stageAt(at: Date, times: Partial<Record<Stage, Date>>): Stage {
  let found: Stage = 'label_created';
  for (const stage of stages) if (times[stage] && times[stage] <= at) found = stage;
  return found;
}

/** One delivered parcel's contribution to its lanes, for an atomic increment. */
export interface DeliveryObservation {
  /** Monday (YYYY-MM-DD) of the local week the parcel was delivered. */
  week: string;
  /** Business days from each stage reached to delivery. */
  toDelivery: Partial<Record<Stage, number>>;
  /** Gap bins between consecutive scans, by the stage the parcel was in. */
  gaps: Array<{ stage: Stage; bin: number }>;
}

/** Reads a delivered parcel's scans into what its lanes learn; undefined when not delivered. */
export function observeDelivery(
  events: readonly TrackingEvent[],
  calendar: BusinessCalendar,
): DeliveryObservation | undefined {
  const sorted = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const delivered = sorted.find((e) => e.status === 'delivered');
  if (!delivered) return undefined;
  const deliveredDay = localDay(delivered.occurredAt, calendar.timeZone);
  const times = stageTimes(sorted.filter((e) => e.occurredAt <= delivered.occurredAt));
  const toDelivery: DeliveryObservation['toDelivery'] = {};
  for (const stage of stages) {
    const at = times[stage];
    if (!at) continue;
    const days = businessDaysAfter(localDay(at, calendar.timeZone), deliveredDay, calendar);
    toDelivery[stage] = Math.min(days, maxTransitDays);
  }
  const gaps: DeliveryObservation['gaps'] = [];
  const journey = sorted.filter((e) => e.occurredAt <= delivered.occurredAt);
  for (let i = 1; i < journey.length; i++) {
    const from = journey[i - 1]!.occurredAt;
    const hours = businessHoursBetween(from, journey[i]!.occurredAt, calendar);
    gaps.push({ stage: stageAt(from, times), bin: gapBin(hours) });
  }
  return { week: dayToDate(weekStart(deliveredDay)), toDelivery, gaps };
}

export function total(histogram: Histogram | undefined): number {
  return (histogram ?? []).reduce((a, b) => a + b, 0);
}

function addInto(into: Histogram, from: Histogram | undefined): void {
  (from ?? []).forEach((n, i) => (into[i] = (into[i] ?? 0) + n));
}

/**
 * One lane's recent history at a stage: weeks are added newest first until `enough` deliveries
 * are counted, so a lane that slowed down (peak season) is judged on its latest weeks while a
 * quiet lane still gathers enough from further back.
 */
export function recentHistograms(
  weeksNewestFirst: readonly LaneStats[],
  stage: Stage,
  enough: number,
): { toDelivery: Histogram; gaps: Histogram } {
  const toDelivery: Histogram = [];
  const gaps: Histogram = [];
  for (const week of weeksNewestFirst) {
    addInto(toDelivery, week.toDelivery[stage]);
    addInto(gaps, week.gaps[stage]);
    if (total(toDelivery) >= enough) break;
  }
  return { toDelivery, gaps };
}

/** The smallest bin holding at least share `q` of the counts. */
export function quantileBin(histogram: Histogram, q: number): number {
  const sum = total(histogram);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] ?? 0;
    if (seen >= q * sum) return i;
  }
  return histogram.length - 1;
}
