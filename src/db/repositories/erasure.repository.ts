import { DevMessageModel, NotificationModel, OrderModel, ShipmentModel } from '../models';

/** Erases a guest's personal data from every collection it was copied into. */
export class ErasureRepository {
  async eraseOrder(orderId: string, now: Date): Promise<void> {
    await ShipmentModel.updateMany({ orderId }, { $set: { nextPollAt: null } });
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
}
