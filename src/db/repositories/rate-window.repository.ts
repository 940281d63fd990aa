import { RateWindowModel } from '../models';
import { isDuplicateKeyError } from '../to-entity';

export interface WindowCount {
  count: number;
  resetAt: Date;
}

/** The window holding `now`: its document key and when it ends. */
function windowOf(scope: string, windowMs: number, now: Date): { key: string; end: number } {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { key: `${scope}:${start}`, end: start + windowMs };
}

/** Fixed-window counters shared by every worker and web process (one atomic upsert a hit). */
export class RateWindowRepository {
  /** Counts `hits` (one by default) for `scope` in the window holding `now`; returns its total. */
  async hit(scope: string, windowMs: number, now: Date, hits = 1): Promise<WindowCount> {
    const { key, end } = windowOf(scope, windowMs, now);
    const upsert = () =>
      RateWindowModel.findOneAndUpdate(
        { key },
        // Kept a minute past the window so a late undo still finds it; then TTL removes it.
        { $inc: { count: hits }, $setOnInsert: { expiresAt: new Date(end + 60_000) } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
    let doc;
    try {
      doc = await upsert();
    } catch (error) {
      // Two first hits raced to insert the window; the loser's retry increments it.
      if (!isDuplicateKeyError(error)) throw error;
      doc = await upsert();
    }
    return { count: doc?.count ?? hits, resetAt: new Date(end) };
  }

  /** Takes back one hit of the current window (a request that should not have counted). */
  async undo(scope: string, windowMs: number, now: Date): Promise<void> {
    await RateWindowModel.updateOne(
      { key: windowOf(scope, windowMs, now).key, count: { $gt: 0 } },
      { $inc: { count: -1 } },
    );
  }

  /** Forgets the current window of `scope`. */
  async reset(scope: string, windowMs: number, now: Date): Promise<void> {
    await RateWindowModel.deleteOne({ key: windowOf(scope, windowMs, now).key });
  }

  /**
   * Takes up to `wanted` slots in the window holding `now` (a second unless `windowMs` says
   * otherwise) in one atomic update; returns how many were granted (the rest wait for the next
   * window).
   */
  async takeMany(
    scope: string,
    wanted: number,
    limit: number,
    now: Date,
    windowMs = 1000,
  ): Promise<number> {
    if (wanted === 0) return 0;
    const before = (await this.hit(scope, windowMs, now, wanted)).count - wanted;
    return Math.max(0, Math.min(wanted, limit - before));
  }

  /** Takes a slot in this second's window; false when `limitPerSecond` are already taken. */
  async take(scope: string, limitPerSecond: number, now: Date): Promise<boolean> {
    return (await this.hit(scope, 1000, now)).count <= limitPerSecond;
  }
}
