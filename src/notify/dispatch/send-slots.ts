/**
 * One worker's provider calls in flight on a channel, shared by the batches whose sends
 * overlap (a batch's last slow calls and the next batch's first). A call holds a slot from just
 * before its `sending` mark until its provider answers.
 */
export class SendSlots {
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
