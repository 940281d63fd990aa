import { LRUCache } from 'lru-cache';
import type {
  AttentionShipment,
  ConsoleFiguresRepository,
} from '../../db/repositories/console-figures.repository';
import type { Merchant } from '../../merchants/merchant';
import type { Clock } from '../../shared/clock';
import type { ShipmentStatus } from '../../tracking/domain/taxonomy';
import { lastDays, summarizeActivity, type ActivitySummary } from '../domain/message-activity';

export interface OverviewFigures {
  computedAt: Date;
  activity: ActivitySummary;
  shipmentsByStatus: Array<{ status: ShipmentStatus; count: number }>;
  attention: AttentionShipment[];
  freshness: Array<{ carrier: string; lastCheckedAt: Date | null; tracked: number }>;
  /** Status-page views per day (UTC days), oldest first. */
  visits: Array<{ day: string; count: number }>;
}

const freshMs = 30_000;

/**
 * The overview's figures per merchant. They come from scans of a week of notifications, so a
 * computed set is served for 30 s and then refreshed in the background while the previous one
 * is still shown: a page view never waits for a scan except the very first.
 */
export class OverviewFigureSource {
  private readonly cache = new LRUCache<
    string,
    { figures: OverviewFigures; refreshing?: Promise<OverviewFigures> }
  >({ max: 1_000 });

  constructor(
    private readonly figures: ConsoleFiguresRepository,
    private readonly clock: Clock,
  ) {}

  async get(merchant: Merchant): Promise<OverviewFigures> {
    const entry = this.cache.get(merchant.id);
    const now = this.clock.now();
    if (!entry) {
      const figures = await this.compute(merchant);
      this.cache.set(merchant.id, { figures });
      return figures;
    }
    if (now.getTime() - entry.figures.computedAt.getTime() > freshMs && !entry.refreshing) {
      entry.refreshing = this.compute(merchant)
        .then((figures) => {
          this.cache.set(merchant.id, { figures });
          return figures;
        })
        .finally(() => {
          entry.refreshing = undefined;
        });
      entry.refreshing.catch(() => undefined);
    }
    return entry.figures;
  }

  private async compute(merchant: Merchant): Promise<OverviewFigures> {
    const now = this.clock.now();
    const timeZone = merchant.preferences.timezone;
    const since = new Date(now.getTime() - 8 * 86_400_000);
    const utcDays = lastDays('UTC', now, 7);
    const [items, byStatus, attention, freshness, visits] = await Promise.all([
      this.figures.activitySince(merchant.id, since),
      this.figures.shipmentsByStatus(merchant.id),
      this.figures.needingAttention(merchant.id, 20),
      this.figures.freshnessByCarrier(merchant.id),
      this.figures.visits(merchant.id, utcDays),
    ]);
    return {
      computedAt: now,
      activity: summarizeActivity(items, now, timeZone),
      shipmentsByStatus: [...byStatus].map(([status, count]) => ({ status, count })),
      attention,
      freshness,
      visits: utcDays.map((day) => ({ day, count: visits.get(day) ?? 0 })),
    };
  }
}
