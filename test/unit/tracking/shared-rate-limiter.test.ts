import {
  rateWindow,
  SharedRateLimiter,
  type RateTime,
} from '../../../src/tracking/poll/rate-limiter';

/** The database's window counters in memory, and a clock that moves only when slept on. */
function world(startMs = 1_000_000) {
  const counts = new Map<string, number>();
  const asks: Array<{ wanted: number; windowMs: number; at: number }> = [];
  let now = startMs;
  const windows = {
    async takeMany(scope: string, wanted: number, limit: number, at: Date, windowMs = 1000) {
      asks.push({ wanted, windowMs, at: at.getTime() });
      const key = `${scope}:${Math.floor(at.getTime() / windowMs)}`;
      const before = counts.get(key) ?? 0;
      counts.set(key, before + wanted);
      return Math.max(0, Math.min(wanted, limit - before));
    },
  };
  const time: RateTime = {
    now: () => now,
    // Sleepers wake at the time they asked for; two sleeping together do not add up.
    sleep: async (ms) => {
      const until = now + ms;
      await Promise.resolve();
      now = Math.max(now, until);
    },
  };
  return { windows, time, asks, counts, now: () => now };
}

describe('a carrier rate as a fixed window', () => {
  it.each([
    [5, 1000, 5],
    [1000, 1000, 1000],
    [0.5, 2000, 1],
    [2.5, 2000, 5],
    [0.1, 10_000, 1],
    [0.3, 10_000, 3],
    [1.25, 4000, 5],
  ])('when the rate is %p/s, then the window is %p ms with %p calls', (rate, windowMs, limit) => {
    expect(rateWindow(rate)).toEqual({ windowMs, limit });
  });

  it('when no window up to 10 s holds whole calls, then it rounds down, never above the rate', () => {
    const { windowMs, limit } = rateWindow(0.17);
    expect(limit / (windowMs / 1000)).toBeLessThanOrEqual(0.17);
    expect(limit).toBeGreaterThanOrEqual(1);
  });
});

describe('a request rate shared by every worker', () => {
  it('when callers ask at once, then one round trip serves them and the rest wait for the next window', async () => {
    const w = world();
    const limiter = new SharedRateLimiter(w.windows, 'carrier-requests:ups', 3, w.time);
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, () => limiter.take().then(() => started.push(w.now()))),
    );
    expect(w.asks.map((a) => a.wanted)).toEqual([7, 4, 1]);
    // Three in each one-second window: 1,000,000 s, then the next two seconds.
    expect(started).toEqual([
      1_000_000, 1_000_000, 1_000_000, 1_001_000, 1_001_000, 1_001_000, 1_002_000,
    ]);
  });

  it('when a call goes in the window it asked in, then it waited 0 s; else the seconds until its window', async () => {
    const w = world(1_000_400);
    const limiter = new SharedRateLimiter(w.windows, 'carrier-requests:ups', 2, w.time);
    const waited = await Promise.all(Array.from({ length: 5 }, () => limiter.take()));
    expect(waited).toEqual([0, 0, 0.6, 0.6, 1.6]);
  });

  it('when two workers share the scope, then together they take no more than the rate', async () => {
    const w = world();
    const a = new SharedRateLimiter(w.windows, 'carrier-requests:dhl', 2, w.time);
    const b = new SharedRateLimiter(w.windows, 'carrier-requests:dhl', 2, w.time);
    const started: number[] = [];
    const take = (l: SharedRateLimiter) => l.take().then(() => started.push(w.now()));
    await Promise.all([take(a), take(a), take(a), take(b), take(b), take(b)]);
    const perSecond = new Map<number, number>();
    for (const at of started) perSecond.set(at, (perSecond.get(at) ?? 0) + 1);
    expect([...perSecond.values()].every((n) => n <= 2)).toBe(true);
    expect(started).toHaveLength(6);
  });

  it('when the rate is below one a second, then its calls are a window apart', async () => {
    const w = world(0);
    const limiter = new SharedRateLimiter(w.windows, 'carrier-requests:usps', 0.5, w.time);
    const started: number[] = [];
    for (let i = 0; i < 3; i++) started.push(await limiter.take().then(() => w.now()));
    expect(started).toEqual([0, 2000, 4000]);
    expect(w.asks.every((a) => a.windowMs === 2000)).toBe(true);
  });

  it('when the database fails, then every waiting caller fails with its error, and the next caller asks again', async () => {
    const w = world();
    let fail = true;
    const windows = {
      takeMany: (...args: Parameters<typeof w.windows.takeMany>) =>
        fail ? Promise.reject(new Error('database down')) : w.windows.takeMany(...args),
    };
    const limiter = new SharedRateLimiter(windows, 'carrier-requests:ups', 5, w.time);
    const results = await Promise.allSettled([limiter.take(), limiter.take()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(limiter.take()).resolves.toBe(0);
  });
});
