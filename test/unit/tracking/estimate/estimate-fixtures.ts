import path from 'node:path';
import { readServiceStandards } from '../../../../src/config/service-standards';
import { calendarOf } from '../../../../src/tracking/estimate/service-standards';
import type { ServiceStandards } from '../../../../src/tracking/estimate/service-standards';
import type { LaneStats } from '../../../../src/tracking/estimate/transit-stats';

const loaded = readServiceStandards(path.resolve(__dirname, '../../../../config'));
if ('problems' in loaded) throw new Error(loaded.problems.join('\n'));

/** The standards shipped in config/service-standards.json. */
export const standards: ServiceStandards = loaded.standards;
export const ups = standards.ups!;
/** UPS days: America/New_York, closed on Thanksgiving (2026-11-26) among others. */
export const upsCalendar = calendarOf(ups);

/** A histogram from {bin: count}. */
export function histogram(counts: Record<number, number>): number[] {
  const out: number[] = [];
  for (const [bin, n] of Object.entries(counts)) out[Number(bin)] = n;
  return Array.from(out, (n) => n ?? 0);
}

/** One week of a lane that learned these picked-up-to-delivery days and scan gaps. */
export function week(
  pickedUp: Record<number, number>,
  gaps: Record<number, number> = {},
): LaneStats {
  return {
    toDelivery: { picked_up: histogram(pickedUp), in_transit: histogram(pickedUp) },
    gaps: { picked_up: histogram(gaps), in_transit: histogram(gaps) },
  };
}
