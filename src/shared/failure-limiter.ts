import { LRUCache } from 'lru-cache';
import type { RateWindowRepository } from '../db/repositories/rate-window.repository';

/**
 * Counts failures (a wrong API key, a lookup that matched nothing) per key in the fixed windows
 * every instance shares, and refuses a key that reached its limit until its window ends.
 * Successes are neither counted nor delayed. Whether a key is refused is answered from this
 * process's memory, so a refused client costs no database work; another instance learns of
 * the refusal at that client's next failure there.
 */
export class FailureLimiter {
  private readonly refusedUntil = new LRUCache<string, number>({ max: 100_000 });

  constructor(
    private readonly windows: RateWindowRepository,
    private readonly options: {
      /** Names this limiter's counters, e.g. `api-auth`. */
      scope: string;
      limit: number;
      windowMs: number;
      now: () => Date;
    },
  ) {}

  /** Seconds until `key` may try again; 0 when it is not refused. */
  retryAfter(key: string): number {
    const until = this.refusedUntil.get(key);
    return until === undefined ? 0 : secondsUntil(until, this.options.now());
  }

  /** Counts one failure of `key`; returns the seconds it is now refused for (0: not refused). */
  async fail(key: string): Promise<number> {
    const { scope, windowMs, limit, now } = this.options;
    const at = now();
    const { count, resetAt } = await this.windows.hit(`${scope}:${key}`, windowMs, at);
    if (count < limit) return 0;
    this.refusedUntil.set(key, resetAt.getTime());
    return secondsUntil(resetAt.getTime(), at);
  }
}

/** Whole seconds from `now` until `until` (rounded up, so a client never retries early). */
export function secondsUntil(until: number | Date, now: Date): number {
  return Math.max(0, Math.ceil((new Date(until).getTime() - now.getTime()) / 1000));
}
