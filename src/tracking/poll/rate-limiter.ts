/** Spaces calls to at most `perSecond`, across every caller that shares this limiter. */
export class RateLimiter {
  private nextSlot = 0;

  constructor(
    private readonly perSecond: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async take(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / Math.max(this.perSecond, 0.001);
    if (slot > now) await this.sleep(slot - now);
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
