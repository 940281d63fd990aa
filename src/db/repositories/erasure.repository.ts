import { DevMessageModel, NotificationModel, OrderModel, ShipmentModel } from '../models';

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
      { _id: 1, recipient: 1 },
    ).lean();
    await DevMessageModel.deleteMany({
      $or: [
        { notificationId: { $in: notifications.map((n) => n._id.toHexString()) } },
        { to: { $in: notifications.map((n) => n.recipient).filter(Boolean) } },
      ],
    });
    await NotificationModel.updateMany({ orderId }, { $set: { recipient: '' } });
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
