import { LaneStatsModel } from '../models';
import {
  total,
  type DeliveryObservation,
  type Histogram,
  type LaneStats,
} from '../../tracking/estimate/transit-stats';

type Counts = Record<string, Record<string, number>>;

function histograms(counts: Counts | undefined): Record<string, Histogram> {
  const out: Record<string, Histogram> = {};
  for (const [stage, bins] of Object.entries(counts ?? {})) {
    const histogram: Histogram = [];
    for (const [bin, n] of Object.entries(bins)) histogram[Number(bin)] = n;
    out[stage] = Array.from(histogram, (n) => n ?? 0);
  }
  return out;
}

/** The increments one delivery adds to each of its lanes' week. */
function incrementsOf(observation: DeliveryObservation): Record<string, number> {
  const inc: Record<string, number> = { deliveries: 1 };
  for (const [stage, days] of Object.entries(observation.toDelivery))
    inc[`toDelivery.${stage}.${days}`] = 1;
  for (const { stage, bin } of observation.gaps)
    inc[`gaps.${stage}.${bin}`] = (inc[`gaps.${stage}.${bin}`] ?? 0) + 1;
  return inc;
}

/** Per-lane weekly transit statistics, learned one delivery at a time. */
export class LaneStatsRepository {
  /**
   * Adds delivered parcels to every lane each belongs to, in one bulk write of atomic `$inc`
   * upserts (one per lane and week).
   */
  async record(
    deliveries: ReadonlyArray<{ lanes: readonly string[]; observation: DeliveryObservation }>,
  ): Promise<void> {
    const byKey = new Map<string, { lane: string; week: string; inc: Record<string, number> }>();
    for (const { lanes, observation } of deliveries)
      for (const lane of lanes) {
        const key = `${lane}@${observation.week}`;
        const entry = byKey.get(key) ?? { lane, week: observation.week, inc: {} };
        for (const [path, n] of Object.entries(incrementsOf(observation)))
          entry.inc[path] = (entry.inc[path] ?? 0) + n;
        byKey.set(key, entry);
      }
    await this.increment([...byKey.values()]);
  }

  /** Adds whole weeks of counts at once (the demo seeds lanes from a synthetic history). */
  async addWeeks(entries: Array<{ lane: string; week: string; stats: LaneStats }>): Promise<void> {
    await this.increment(
      entries.map(({ lane, week, stats }) => {
        const inc: Record<string, number> = {};
        for (const kind of ['toDelivery', 'gaps'] as const)
          for (const [stage, histogram] of Object.entries(stats[kind]))
            histogram?.forEach((n, bin) => n && (inc[`${kind}.${stage}.${bin}`] = n));
        inc.deliveries = Math.max(0, ...Object.values(stats.toDelivery).map((h) => total(h)));
        return { lane, week, inc };
      }),
    );
  }

  private async increment(
    entries: Array<{ lane: string; week: string; inc: Record<string, number> }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    const write = (batch: typeof entries) =>
      LaneStatsModel.bulkWrite(
        batch.map(({ lane, week, inc }) => ({
          updateOne: { filter: { lane, week }, update: { $inc: inc }, upsert: true },
        })),
        { ordered: false, strict: false },
      );
    try {
      await write(entries);
    } catch (error) {
      // Two first deliveries of a lane's week raced to insert it: only the losers are retried.
      const failed = (error as { writeErrors?: Array<{ index: number; code?: number }> })
        .writeErrors;
      if (!failed?.length || !failed.every((e) => e.code === 11000)) throw error;
      await write(failed.map((e) => entries[e.index]!));
    }
  }

  /** Each lane's weeks from `sinceWeek` on, newest first, in one query. */
  async weeksOf(lanes: readonly string[], sinceWeek: string): Promise<Map<string, LaneStats[]>> {
    const docs = await LaneStatsModel.find({
      lane: { $in: [...new Set(lanes)] },
      week: { $gte: sinceWeek },
    })
      .sort({ week: -1 })
      .lean<Array<{ lane: string; toDelivery?: Counts; gaps?: Counts }>>();
    const byLane = new Map<string, LaneStats[]>();
    for (const doc of docs) {
      const weeks = byLane.get(doc.lane) ?? byLane.set(doc.lane, []).get(doc.lane)!;
      weeks.push({ toDelivery: histograms(doc.toDelivery), gaps: histograms(doc.gaps) });
    }
    return byLane;
  }
}
