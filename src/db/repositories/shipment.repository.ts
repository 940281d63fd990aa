import { claimDue, type Claim } from '../lease';
import { ShipmentModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { Shipment } from '../../tracking/shipment';

/** A finished check: the fields to write, accepted only while the claim's fence still holds. */
export interface CompletedCheck {
  id: string;
  fence: number;
  changes: Partial<Omit<Shipment, 'id' | 'createdAt' | 'updatedAt' | 'lease' | 'fence'>>;
}

/** Undefined means "clear it": $set with null, so no stale problem or flag survives. */
function setOf(changes: CompletedCheck['changes']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(changes).map(([k, v]) => [k, v === undefined ? null : v]),
  );
}

export interface NewShipment {
  merchantId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  nextPollAt: Date | null;
  /** What rides in the parcel; set (again) whenever given. */
  items?: Array<{ name: string; quantity: number }>;
}

export class ShipmentRepository {
  /** Adds the shipment once per merchant, carrier and tracking number. */
  async ensure(input: NewShipment): Promise<Shipment> {
    const { merchantId, carrier, trackingNumber, items, ...rest } = input;
    const doc = await ShipmentModel.findOneAndUpdate(
      { merchantId, carrier, trackingNumber },
      {
        $setOnInsert: { merchantId, carrier, trackingNumber, ...rest },
        ...(items ? { $set: { items } } : {}),
      },
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
   * Claims up to `limit` shipments due a carrier check (oldest due first), skipping carriers
   * that are backing off. Each claim bumps the fence.
   */
  async claimDue(options: {
    owner: string;
    now: Date;
    leaseMs: number;
    limit: number;
    skipCarriers?: string[];
  }): Promise<Claim[]> {
    const due: Record<string, unknown> = { nextPollAt: { $ne: null, $lte: options.now } };
    if (options.skipCarriers?.length) due.carrier = { $nin: options.skipCarriers };
    return claimDue(ShipmentModel, { ...options, due, sort: { nextPollAt: 1 } });
  }

  /** Claims one shipment now, due or not (pushed updates); null while another worker holds it. */
  async claimOne(
    id: string,
    options: { owner: string; now: Date; leaseMs: number },
  ): Promise<Claim | null> {
    const _id = objectId(id);
    if (!_id) return null;
    const [claim] = await claimDue(ShipmentModel, {
      ...options,
      limit: 1,
      due: { _id },
      sort: { _id: 1 },
    });
    return claim ?? null;
  }

  async findByIds(ids: string[]): Promise<Shipment[]> {
    const docs = await ShipmentModel.find({ _id: { $in: ids } }).lean();
    return docs.map((d) => toEntity<Shipment>(d));
  }

  /**
   * Completes claimed checks in one bulk write. Each update is conditional on its fence, so a
   * worker that lost its lease (paused past expiry) changes nothing. Returns how many applied.
   */
  async completeChecks(checks: CompletedCheck[]): Promise<number> {
    if (checks.length === 0) return 0;
    const result = await ShipmentModel.bulkWrite(
      checks.map((check) => ({
        updateOne: {
          filter: { _id: objectId(check.id), fence: check.fence },
          update: { $set: { ...setOf(check.changes), lease: null } },
        },
      })),
      { ordered: false },
    );
    return result.matchedCount;
  }

  /** Stops polling the order's shipments (all, or those numbers) for a reason the API shows. */
  async stopTracking(orderId: string, reason: string, trackingNumbers?: string[]): Promise<number> {
    const result = await ShipmentModel.updateMany(
      { orderId, ...(trackingNumbers ? { trackingNumber: { $in: trackingNumbers } } : {}) },
      { $set: { nextPollAt: null, trackingProblem: reason, problemKind: 'cancelled' } },
    );
    return result.modifiedCount;
  }

  /** Whether every shipment of the order is final, and when the last one became so. */
  async orderFinality(orderId: string): Promise<{ allFinal: boolean; lastFinalAt?: Date }> {
    const docs = await ShipmentModel.find({ orderId }, { finalAt: 1 }).lean<
      Array<{ finalAt?: Date | null }>
    >();
    const finals = docs.map((d) => d.finalAt).filter((d): d is Date => d instanceof Date);
    if (docs.length === 0 || finals.length < docs.length) return { allFinal: false };
    return { allFinal: true, lastFinalAt: new Date(Math.max(...finals.map((d) => d.getTime()))) };
  }

  /**
   * Puts shipments that stopped because their carrier was disabled back on the schedule once
   * the carrier is enabled (credentials added), instead of leaving them stopped for good.
   */
  async resumeCarriers(carriers: string[], now: Date): Promise<number> {
    if (carriers.length === 0) return 0;
    const result = await ShipmentModel.updateMany(
      { carrier: { $in: carriers }, problemKind: 'carrier_disabled', finalAt: null },
      { $set: { nextPollAt: now, problemKind: null, trackingProblem: null } },
    );
    return result.modifiedCount;
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
