import type { ConsoleFiguresRepository } from '../../db/repositories/console-figures.repository';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';

/**
 * Counts status-page views per merchant and day for the console ("questions guests did not
 * have to ask"). A write per view would cost the busiest page a database round trip, so views
 * are added up in memory and written in one bulk `$inc` every few seconds. A crash loses at
 * most those seconds of a figure that is only ever a proxy.
 */
export class VisitCounter {
  private pending = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly figures: Pick<ConsoleFiguresRepository, 'addVisits'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    flushEveryMs = 10_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushEveryMs);
    this.timer.unref();
  }

  count(merchantId: string): void {
    const key = `${merchantId}|${this.clock.now().toISOString().slice(0, 10)}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.figures.addVisits(batch);
    } catch (err) {
      this.logger.warn({ err }, 'status-page visits not recorded');
    }
  }
}
