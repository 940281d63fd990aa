import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import type { RateWindowRepository } from '../db/repositories/rate-window.repository';

/**
 * express-rate-limit counts in MongoDB instead of this process's memory, so a limit holds across
 * every web instance: a client spreading guesses over several machines gets no extra tries.
 */
export class MongoRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly windows: RateWindowRepository,
    /** Names this limiter's counters, e.g. `lookup-client`. */
    readonly prefix: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const { count, resetAt } = await this.windows.hit(this.scope(key), this.windowMs, this.now());
    return { totalHits: count, resetTime: resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.windows.undo(this.scope(key), this.windowMs, this.now());
  }

  async resetKey(key: string): Promise<void> {
    await this.windows.reset(this.scope(key), this.windowMs, this.now());
  }

  private scope(key: string): string {
    return `${this.prefix}:${key}`;
  }
}
