import {
  candidateQuery,
  claimCandidates,
  renewLeases,
  leaseFreeNow,
  type Candidate,
  type Claim,
  type LeaseOptions,
} from '../lease';
import { ShipmentModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import { shipmentStateFields } from '../../tracking/domain/plan-update';
import type { Shipment } from '../../tracking/shipment';

/** A finished check: the fields to write, accepted only while the claim's fence still holds. */
export interface CompletedCheck {
  id: string;
  fence: number;
  changes: Partial<Pick<Shipment, (typeof shipmentStateFields)[number] | 'nextPollAt'>>;
}

const writable = new Set<string>([...shipmentStateFields, 'nextPollAt']);

/**
 * The `$set` of a completed check: tracking state only (whatever else the object carries is
 * left out, so a check never rewrites a shipment's references, items, lease or fence). Undefined
 * means "clear it": $set with null, so no stale problem or flag survives.
 */
function setOf(changes: CompletedCheck['changes']): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (writable.has(key)) set[key] = value ?? null;
  }
  return set;
}

export interface NewShipment {
  merchantId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  nextPollAt: Date | null;
  requestId?: string;
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

  /** The shipments of several orders in one query (a dispatch batch's orders). */
  async findByOrders(orderIds: string[]): Promise<Shipment[]> {
    if (orderIds.length === 0) return [];
    const docs = await ShipmentModel.find({ orderId: { $in: [...new Set(orderIds)] } })
      .sort({ createdAt: 1 })
      .lean();
    return docs.map((d) => toEntity<Shipment>(d));
  }

  /** The shipments of one carrier with any of these tracking numbers, in one query. */
  async findByTrackingNumbers(carrier: string, trackingNumbers: string[]): Promise<Shipment[]> {
    if (trackingNumbers.length === 0) return [];
    const docs = await ShipmentModel.collection
      .find({ carrier, trackingNumber: { $in: [...new Set(trackingNumbers)] } })
      .toArray();
    return docs.map((d) => toEntity<Shipment>(d));
  }

  /**
   * Shipments due a carrier check (oldest due first, skipping carriers that are backing off) as
   * claim candidates, in chunks of `chunkSize` from one cursor: a whole poll pass costs one scan,
   * and memory stays flat whatever the number due.
   */
  async *dueCandidates(options: {
    now: Date;
    chunkSize: number;
    skipCarriers?: string[];
    deadOwners?: string[];
  }): AsyncGenerator<Candidate[]> {
    const due: Record<string, unknown> = { nextPollAt: { $ne: null, $lte: options.now } };
    if (options.skipCarriers?.length) due.carrier = { $nin: options.skipCarriers };
    const { filter, projection } = candidateQuery({ ...options, due });
    const cursor = ShipmentModel.collection.find(filter, {
      projection,
      sort: { nextPollAt: 1 },
      batchSize: options.chunkSize,
    });
    try {
      let chunk: Candidate[] = [];
      for await (const doc of cursor) {
        chunk.push(doc as unknown as Candidate);
        if (chunk.length < options.chunkSize) continue;
        yield chunk;
        chunk = [];
      }
      if (chunk.length) yield chunk;
    } finally {
      await cursor.close();
    }
  }

  /** Claims candidates (fenced compare-and-set) and returns the shipments this owner won. */
  async claim(
    candidates: Candidate[],
    options: LeaseOptions,
  ): Promise<Array<{ claim: Claim; shipment: Shipment }>> {
    const won = await claimCandidates(ShipmentModel, candidates, options);
    return won.map(({ claim, doc }) => ({ claim, shipment: toEntity<Shipment>(doc) }));
  }

  /** Extends the leases this owner still holds on `claims` (a batch slow carriers hold up). */
  renewLeases(claims: Claim[], options: LeaseOptions): Promise<number> {
    return renewLeases(ShipmentModel, claims, options);
  }

  /** Claims the first `limit` due shipments (tests and tools; the poller streams a pass). */
  async claimDue(options: LeaseOptions & { limit: number }): Promise<Claim[]> {
    for await (const chunk of this.dueCandidates({ now: options.now, chunkSize: options.limit }))
      return (await this.claim(chunk, options)).map((w) => w.claim);
    return [];
  }

  /**
   * Claims shipments now, due or not (pushed updates), as they were read: a compare-and-set on
   * each one's fence, so one that another worker holds, or that was claimed since it was read,
   * is not won. Returns what this caller won, read again.
   */
  async claimAsRead(
    shipments: Shipment[],
    options: LeaseOptions,
  ): Promise<Array<{ claim: Claim; shipment: Shipment }>> {
    const free = shipments.filter((s) => leaseFreeNow(s.lease, options.now, options.deadOwners));
    return this.claim(
      free.map((s) => ({ _id: objectId(s.id)!, fence: s.fence, lease: s.lease })),
      options,
    );
  }

  async findByIds(ids: string[]): Promise<Shipment[]> {
    const docs = await ShipmentModel.find({ _id: { $in: ids } }).lean();
    return docs.map((d) => toEntity<Shipment>(d));
  }

  /**
   * Completes claimed checks in one bulk write. Each update is conditional on its fence, so a
   * worker that lost its lease (paused past expiry) changes nothing. Returns how many applied.
   *
   * Written with the driver, as the claim is (lease.ts): the changes are already the stored
   * types (dates, numbers, strings; no ids), and mongoose's casting of every event list was
   * half of a poll pass's CPU. `updatedAt` is set here because mongoose's timestamps are not.
   */
  async completeChecks(checks: CompletedCheck[]): Promise<number> {
    if (checks.length === 0) return 0;
    const updatedAt = new Date();
    const result = await ShipmentModel.collection.bulkWrite(
      checks.map((check) => ({
        updateOne: {
          filter: { _id: objectId(check.id)!, fence: check.fence },
          update: { $set: { ...setOf(check.changes), lease: null, updatedAt } },
        },
      })),
      // Absent optional fields (an event without a reason code) stay absent, as mongoose keeps them.
      { ordered: false, ignoreUndefined: true },
    );
    return result.matchedCount;
  }

  /** When the oldest shipment due a check fell due, by carrier (one aggregate; metrics). */
  async oldestDueByCarrier(now: Date): Promise<Map<string, Date>> {
    const rows = await ShipmentModel.aggregate<{ _id: string; dueAt: Date }>([
      { $match: { nextPollAt: { $ne: null, $lte: now } } },
      { $group: { _id: '$carrier', dueAt: { $min: '$nextPollAt' } } },
    ]);
    return new Map(rows.map((row) => [row._id, row.dueAt]));
  }

  /** When each number's first shipment with this carrier was created (one aggregate). */
  async createdAtByNumber(carrier: string, trackingNumbers: string[]): Promise<Map<string, Date>> {
    if (trackingNumbers.length === 0) return new Map();
    const rows = await ShipmentModel.aggregate<{ _id: string; createdAt: Date }>([
      { $match: { carrier, trackingNumber: { $in: trackingNumbers } } },
      { $group: { _id: '$trackingNumber', createdAt: { $min: '$createdAt' } } },
    ]);
    return new Map(rows.map((row) => [row._id, row.createdAt]));
  }

  /**
   * For each order whose shipments are all final, when the last one became so (one query for
   * the whole batch of orders).
   */
  async ordersFinalAt(orderIds: string[]): Promise<Map<string, Date>> {
    if (orderIds.length === 0) return new Map();
    // null: the order has a shipment that is not final yet.
    const finals = new Map<string, Date | null>();
    const docs = await ShipmentModel.find(
      { orderId: { $in: [...new Set(orderIds)] } },
      { orderId: 1, finalAt: 1 },
    ).lean<Array<{ orderId: { toHexString(): string }; finalAt?: Date | null }>>();
    for (const doc of docs) {
      const id = doc.orderId.toHexString();
      const seen = finals.get(id);
      if (!(doc.finalAt instanceof Date)) finals.set(id, null);
      else if (seen === undefined || (seen !== null && doc.finalAt > seen))
        finals.set(id, doc.finalAt);
    }
    return new Map([...finals].filter((e): e is [string, Date] => e[1] !== null));
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
