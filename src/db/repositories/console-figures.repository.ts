import { NotificationModel, PageVisitModel, ShipmentModel } from '../models';
import { objectId } from '../to-entity';
import type { NotificationHistoryEntry, NotificationState } from '../../notify/notification';
import type { Channel, ShipmentStatus } from '../../tracking/domain/taxonomy';

/** What the overview needs of one notification: its outcome and the moments it changed. */
export interface NotificationActivity {
  channel: Channel;
  state: NotificationState;
  sentAt?: Date;
  history: Array<Pick<NotificationHistoryEntry, 'at' | 'state' | 'reason'>>;
}

export interface AttentionShipment {
  id: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  status: ShipmentStatus;
  stalledAt?: Date;
  lastEventAt?: Date;
}

/**
 * The read side of the console overview: a handful of queries per merchant, each bounded by
 * time or by a limit. The figures are cached by the caller (see overview-figures.ts).
 */
/**
 * Notifications read per round trip by the overview's week scan. A busy shop has 100k in a week;
 * read in the driver's default 16 MB batches, each batch's parse held this process's event loop
 * for up to seconds, and every console page served beside a refresh waited for it.
 */
const activityBatch = 1_000;

export class ConsoleFiguresRepository {
  async activitySince(merchantId: string, since: Date): Promise<NotificationActivity[]> {
    return NotificationModel.find(
      { merchantId: objectId(merchantId), updatedAt: { $gte: since } },
      {
        _id: 0,
        channel: 1,
        state: 1,
        sentAt: 1,
        'history.at': 1,
        'history.state': 1,
        'history.reason': 1,
      },
    )
      .batchSize(activityBatch)
      .lean<NotificationActivity[]>();
  }

  async shipmentsByStatus(merchantId: string): Promise<Map<ShipmentStatus, number>> {
    const rows = await ShipmentModel.aggregate<{ _id: ShipmentStatus; count: number }>([
      { $match: { merchantId: objectId(merchantId) } },
      { $group: { _id: '$status', count: { $sum: 1 } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.count]));
  }

  /** Exceptions, stalled and returned parcels that are not settled, newest problem first. */
  async needingAttention(merchantId: string, limit: number): Promise<AttentionShipment[]> {
    const docs = await ShipmentModel.find(
      {
        merchantId: objectId(merchantId),
        $or: [
          { status: { $in: ['exception', 'returned_to_sender', 'failed_attempt'] } },
          { stalledAt: { $ne: null }, status: { $nin: ['delivered', 'cancelled', 'expired'] } },
        ],
      },
      { orderId: 1, carrier: 1, trackingNumber: 1, status: 1, stalledAt: 1, lastEventAt: 1 },
    )
      .sort({ updatedAt: -1 })
      .limit(limit)
      .lean();
    return docs.map((d) => ({
      id: d._id.toHexString(),
      orderId: d.orderId.toHexString(),
      carrier: d.carrier,
      trackingNumber: d.trackingNumber,
      status: d.status as ShipmentStatus,
      stalledAt: d.stalledAt ?? undefined,
      lastEventAt: d.lastEventAt ?? undefined,
    }));
  }

  /** Per carrier: the most recent check of any of the merchant's parcels still being tracked. */
  async freshnessByCarrier(
    merchantId: string,
  ): Promise<Array<{ carrier: string; lastCheckedAt: Date | null; tracked: number }>> {
    const rows = await ShipmentModel.aggregate<{
      _id: string;
      lastCheckedAt: Date | null;
      tracked: number;
    }>([
      { $match: { merchantId: objectId(merchantId), nextPollAt: { $ne: null } } },
      {
        $group: {
          _id: '$carrier',
          lastCheckedAt: { $max: '$lastCheckedAt' },
          tracked: { $sum: 1 },
        },
      },
    ]);
    return rows
      .map((r) => ({ carrier: r._id, lastCheckedAt: r.lastCheckedAt ?? null, tracked: r.tracked }))
      .sort((a, b) => a.carrier.localeCompare(b.carrier));
  }

  /** Adds counted status-page views in one bulk write: `merchantId|day` → views. */
  async addVisits(counts: Map<string, number>): Promise<void> {
    if (counts.size === 0) return;
    await PageVisitModel.bulkWrite(
      [...counts].map(([key, n]) => {
        const [merchantId = '', day = ''] = key.split('|');
        return {
          updateOne: {
            filter: { merchantId: objectId(merchantId), day },
            update: { $inc: { count: n } },
            upsert: true,
          },
        };
      }),
      { ordered: false },
    );
  }

  async visits(merchantId: string, days: string[]): Promise<Map<string, number>> {
    const docs = await PageVisitModel.find({
      merchantId: objectId(merchantId),
      day: { $in: days },
    }).lean();
    return new Map(docs.map((d) => [d.day, d.count]));
  }
}
