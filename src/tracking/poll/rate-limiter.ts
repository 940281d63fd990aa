import type { RateWindowRepository } from '../../db/repositories/rate-window.repository';

/**
 * A rate as whole calls per fixed window: the shortest window of 1 to 10 seconds in which
 * `perSecond` makes a whole number of calls (0.5/s is 1 call per 2 s, 2.5/s is 5 per 2 s), else
 * 10 s rounded down, so the window never allows more than the rate.
 */
export function rateWindow(perSecond: number): { windowMs: number; limit: number } {
  for (let seconds = 1; seconds <= 10; seconds++) {
    const calls = perSecond * seconds;
    if (calls >= 1 - 1e-9 && Math.abs(calls - Math.round(calls)) < 1e-9)
      return { windowMs: seconds * 1000, limit: Math.round(calls) };
  }
  return { windowMs: 10_000, limit: Math.max(1, Math.floor(perSecond * 10)) };
}

/** Wall time, as a carrier counts its limit (a test clock that stands still would never refill). */
export interface RateTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const wallTime: RateTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * At most `perSecond` calls across every process sharing `scope`: each call takes a slot in the
 * current window's counter in the database (the counters that hold sends to their per-second
 * limits), so N workers together stay within a carrier's limit instead of N times it. Callers
 * that ask while slots are being taken share the next round trip; those past the window's limit
 * wait for the next window.
 */
export class SharedRateLimiter {
  private readonly window: { windowMs: number; limit: number };
  private waiting: Array<{
    resolve: (waitedSeconds: number) => void;
    reject: (error: unknown) => void;
    askedAt: number;
    windowsPassed: number;
  }> = [];
  private granting = false;
  /** Windows the granting loop has slept through, so a caller knows whether it waited. */
  private windowsPassed = 0;

  constructor(
    private readonly windows: Pick<RateWindowRepository, 'takeMany'>,
    private readonly scope: string,
    perSecond: number,
    private readonly time: RateTime = wallTime,
  ) {
    this.window = rateWindow(perSecond);
  }

  /**
   * Resolves when this call may go, with the seconds it waited for a later window: 0 when the
   * window it asked in had room (the round trip is not counted: only the carrier's rate held it).
   */
  take(): Promise<number> {
    const turn = new Promise<number>((resolve, reject) =>
      this.waiting.push({
        resolve,
        reject,
        askedAt: this.time.now(),
        windowsPassed: this.windowsPassed,
      }),
    );
    void this.grant();
    return turn;
  }

  /** One loop at a time hands out slots to everyone waiting, a window at a time. */
  private async grant(): Promise<void> {
    if (this.granting) return;
    this.granting = true;
    const { windowMs, limit } = this.window;
    try {
      await Promise.resolve(); // callers asking in the same turn share the first round trip
      while (this.waiting.length) {
        const now = this.time.now();
        const granted = await this.windows.takeMany(
          this.scope,
          this.waiting.length,
          limit,
          new Date(now),
          windowMs,
        );
        for (const caller of this.waiting.splice(0, granted))
          caller.resolve(
            caller.windowsPassed === this.windowsPassed ? 0 : (now - caller.askedAt) / 1000,
          );
        if (!this.waiting.length) continue;
        await this.time.sleep(windowMs - (now % windowMs));
        this.windowsPassed++;
      }
    } catch (error) {
      for (const caller of this.waiting.splice(0)) caller.reject(error);
    } finally {
      this.granting = false;
    }
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function inPool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from(
    { length: Math.max(1, Math.min(concurrency, items.length)) },
    async () => {
      while (next < items.length) await work(items[next++] as T);
    },
  );
  await Promise.all(lanes);
}
