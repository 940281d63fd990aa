import { DevMessageModel, NotificationModel, OrderModel, ShipmentModel } from '../models';

/** The history with every quote of `recipient` in its reasons and details erased, or null if none. */
function redactHistory<H extends { reason?: string | null; detail?: string | null }>(
  history: H[],
  recipient: string | null | undefined,
): H[] | null {
  if (!recipient) return null;
  const quoted = new RegExp(recipient.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  let changed = false;
  const redacted = history.map((h) => {
    const reason = h.reason?.replace(quoted, '[erased]');
    const detail = h.detail?.replace(quoted, '[erased]');
    if (reason === h.reason && detail === h.detail) return h;
    changed = true;
    return { ...h, reason, detail };
  });
  return changed ? redacted : null;
}

/** Erases a guest's personal data from every collection it was copied into. */
export class ErasureRepository {
  async eraseOrder(orderId: string, now: Date): Promise<void> {
    await ShipmentModel.updateMany({ orderId }, { $set: { nextPollAt: null, guestErased: true } });
    await OrderModel.updateOne(
      { _id: orderId },
      {
        $set: {
          erasedAt: now,
          'guest.email': null,
          'guest.emailNormalized': null,
          'guest.phone': null,
          'guest.name': null,
          'destination.postalCode': null,
        },
      },
    );
    const notifications = await NotificationModel.find(
      { orderId },
      { _id: 1, recipient: 1, history: 1 },
    ).lean();
    // Providers' error texts in the history may quote the address they refused.
    const redactions = notifications.flatMap((n) => {
      const history = redactHistory(n.history ?? [], n.recipient);
      return history
        ? [{ updateOne: { filter: { _id: n._id }, update: { $set: { history } } } }]
        : [];
    });
    if (redactions.length > 0) await NotificationModel.bulkWrite(redactions);
    await DevMessageModel.deleteMany({
      $or: [
        { notificationId: { $in: notifications.map((n) => n._id.toHexString()) } },
        { to: { $in: notifications.map((n) => n.recipient).filter(Boolean) } },
      ],
    });
    // A provider's error text may quote the address it refused.
    await NotificationModel.updateMany(
      { orderId },
      { $set: { recipient: '' }, $unset: { lastError: 1 } },
    );
    await NotificationModel.updateMany(
      { orderId, state: 'pending' },
      {
        $set: { state: 'skipped' },
        $push: { history: { at: now, state: 'skipped', reason: 'order_erased' } },
      },
    );
  }

  /** Orders whose every shipment became final before `cutoff` and whose guest is not yet erased. */
  async ordersDueForErasure(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await ShipmentModel.aggregate<{ _id: { toHexString(): string } }>([
      { $match: { guestErased: { $ne: true } } },
      {
        $group: {
          _id: '$orderId',
          total: { $sum: 1 },
          final: { $sum: { $cond: [{ $gt: ['$finalAt', null] }, 1, 0] } },
          lastFinal: { $max: '$finalAt' },
        },
      },
      { $match: { lastFinal: { $lt: cutoff } } },
      { $limit: limit * 4 },
    ]);
    const all = rows as unknown as Array<{
      _id: { toHexString(): string };
      total: number;
      final: number;
    }>;
    return all
      .filter((r) => r.total === r.final)
      .slice(0, limit)
      .map((r) => r._id.toHexString());
  }
}
