import { ShipmentModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { Shipment } from '../../tracking/shipment';

export interface NewShipment {
  merchantId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  nextPollAt: Date | null;
}

export class ShipmentRepository {
  /** Adds the shipment once per merchant, carrier and tracking number. */
  async ensure(input: NewShipment): Promise<Shipment> {
    const { merchantId, carrier, trackingNumber, ...rest } = input;
    const doc = await ShipmentModel.findOneAndUpdate(
      { merchantId, carrier, trackingNumber },
      { $setOnInsert: { merchantId, carrier, trackingNumber, ...rest } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return toEntity<Shipment>(doc);
  }

  async findById(id: string): Promise<Shipment | null> {
    const _id = objectId(id);
    return _id ? toEntityOrNull<Shipment>(await ShipmentModel.findById(_id).lean()) : null;
  }

  async findByOrder(orderId: string): Promise<Shipment[]> {
    const docs = await ShipmentModel.find({ orderId }).sort({ createdAt: 1 }).lean();
    return docs.map((d) => toEntity<Shipment>(d));
  }

  async findByTrackingNumber(carrier: string, trackingNumber: string): Promise<Shipment[]> {
    const docs = await ShipmentModel.find({ carrier, trackingNumber }).lean();
    return docs.map((d) => toEntity<Shipment>(d));
  }

  /**
   * Cheap change detector for caches: a fingerprint per shipment from a few small fields
   * (write time, status, last check, last scan), without loading the events.
   */
  async versionsByOrder(orderId: string): Promise<string[]> {
    const docs = await ShipmentModel.find(
      { orderId },
      { updatedAt: 1, status: 1, lastCheckedAt: 1, lastEventAt: 1 },
    )
      .sort({ _id: 1 })
      .lean();
    return docs.map((d) =>
      [
        d._id,
        d.updatedAt?.getTime(),
        d.status,
        d.lastCheckedAt?.getTime(),
        d.lastEventAt?.getTime(),
      ].join(':'),
    );
  }
}
