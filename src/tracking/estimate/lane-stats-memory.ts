import { dateToDay } from './business-calendar';
import type { DeliveryObservation, LaneStats } from './transit-stats';

/** Adds one observation into a week's statistics, as the repository's $inc does in the database. */
export function addObservation(stats: LaneStats, observation: DeliveryObservation): void {
  for (const [stage, days] of Object.entries(observation.toDelivery)) {
    const histogram = (stats.toDelivery[stage as keyof LaneStats['toDelivery']] ??= []);
    histogram[days] = (histogram[days] ?? 0) + 1;
  }
  for (const { stage, bin } of observation.gaps) {
    const histogram = (stats.gaps[stage] ??= []);
    histogram[bin] = (histogram[bin] ?? 0) + 1;
  }
}

/** Fills holes left by sparse increments so every bin reads as a count. */
export function dense(histogram: number[]): number[] {
  return Array.from(histogram, (n) => n ?? 0);
}

/** Lane statistics held in memory: the backtest's stand-in for the lane-statistics collection. */
export class MemoryLaneStats {
  private readonly weeks = new Map<string, Map<string, LaneStats>>();

  record(lanes: readonly string[], observation: DeliveryObservation): void {
    for (const lane of lanes) {
      const byWeek = this.weeks.get(lane) ?? this.weeks.set(lane, new Map()).get(lane)!;
      const stats = byWeek.get(observation.week) ?? { toDelivery: {}, gaps: {} };
      addObservation(stats, observation);
      byWeek.set(observation.week, stats);
    }
  }

  /** Every lane's weeks, for writing them out at once (the demo's seed). */
  entries(): Array<{ lane: string; week: string; stats: LaneStats }> {
    return [...this.weeks].flatMap(([lane, byWeek]) =>
      [...byWeek].map(([week, stats]) => ({ lane, week, stats })),
    );
  }

  /** Per lane (in the order given), the weeks from `sinceWeek` on, newest first. */
  lanesFor(lanes: readonly string[], sinceWeek: string): LaneStats[][] {
    const since = dateToDay(sinceWeek);
    return lanes.map((lane) =>
      [...(this.weeks.get(lane) ?? new Map<string, LaneStats>())]
        .filter(([week]) => dateToDay(week) >= since)
        .sort(([a], [b]) => b.localeCompare(a))
        .map(([, stats]) => stats),
    );
  }
}
