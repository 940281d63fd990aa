/**
 * One worker's calls in flight to an outside service, shared by the batches that overlap: a
 * provider's sends on one channel (a batch's last slow calls and the next batch's first hold a
 * slot from just before their `sending` mark until the provider answers), or one carrier's
 * requests (`CARRIER_CONCURRENCY`, whatever the number of poll batches in flight).
 */
export class Slots {
  private free: number;
  private wake?: { promise: Promise<void>; resolve: () => void };

  constructor(readonly size: number) {
    this.free = size;
  }

  /** Takes up to `wanted` free slots at once; how many it took (perhaps none). */
  take(wanted: number): number {
    const taken = Math.max(0, Math.min(wanted, this.free));
    this.free -= taken;
    return taken;
  }

  /** Gives slots back and wakes everyone waiting for one (each takes again or waits again). */
  give(count = 1): void {
    this.free += count;
    const wake = this.wake;
    this.wake = undefined;
    wake?.resolve();
  }

  /** Takes one slot, waiting for a `give` while none is free. */
  async acquire(): Promise<void> {
    while (this.take(1) === 0) await this.freed();
  }

  /** Resolves at the next `give`. */
  freed(): Promise<void> {
    if (!this.wake) {
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      this.wake = { promise, resolve };
    }
    return this.wake.promise;
  }
}
