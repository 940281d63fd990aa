import type { Model } from 'mongoose';
import type { Lease } from '../tracking/shipment';

/** Any model whose documents carry `lease` and `fence` (mongoose's generics are invariant). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LeasedModel = Model<any>;

/** A claimed document: its id and the fencing token every completing write must match. */
export interface Claim {
  id: string;
  fence: number;
}

export interface ClaimOptions {
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /** The documents that are due; free or expired leases are added to it. */
  due: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
}

/**
 * Claims up to `limit` due documents one atomic update at a time. Each claim bumps `fence`, so a
 * worker that lost its lease (paused past expiry) cannot complete work another worker now owns.
 */
export async function claimDue(model: LeasedModel, options: ClaimOptions): Promise<Claim[]> {
  const claims: Claim[] = [];
  const lease: Lease = {
    owner: options.owner,
    expiresAt: new Date(options.now.getTime() + options.leaseMs),
  };
  while (claims.length < options.limit) {
    const doc = await model
      .findOneAndUpdate(
        {
          $and: [
            options.due,
            { $or: [{ lease: null }, { 'lease.expiresAt': { $lte: options.now } }] },
          ],
        },
        { $set: { lease }, $inc: { fence: 1 } },
        { sort: options.sort, returnDocument: 'after', projection: { _id: 1, fence: 1 } },
      )
      .lean<{ _id: { toHexString(): string }; fence: number }>();
    if (!doc) break;
    claims.push({ id: doc._id.toHexString(), fence: doc.fence });
  }
  return claims;
}

/** Frees the leases this process holds, and only those (a restart never frees another's). */
export async function releaseLeases(model: LeasedModel, owner: string): Promise<number> {
  const result = await model.updateMany({ 'lease.owner': owner }, { $set: { lease: null } });
  return result.modifiedCount;
}

/**
 * Claims up to `limit` due documents in three queries instead of one per document: pick
 * candidates, lease the ones still free in one update (each document's update is atomic, so a
 * racing worker gets the others), then read back the ones this claim won with their fences.
 */
export async function claimMany(model: LeasedModel, options: ClaimOptions): Promise<Claim[]> {
  const free = { $or: [{ lease: null }, { 'lease.expiresAt': { $lte: options.now } }] };
  const candidates = await model
    .find({ $and: [options.due, free] }, { _id: 1 })
    .sort(options.sort)
    .limit(options.limit)
    .lean<Array<{ _id: unknown }>>();
  if (candidates.length === 0) return [];
  // The expiry (with a random extra second) tells this claim's documents from others this
  // owner may hold; one owner's claims on a model never overlap (the scheduler skips overlaps).
  const lease: Lease = {
    owner: options.owner,
    expiresAt: new Date(options.now.getTime() + options.leaseMs + Math.floor(Math.random() * 1000)),
  };
  const ids = candidates.map((c) => c._id);
  await model.updateMany(
    { $and: [{ _id: { $in: ids } }, options.due, free] },
    { $set: { lease }, $inc: { fence: 1 } },
  );
  const won = await model
    .find(
      { _id: { $in: ids }, 'lease.owner': lease.owner, 'lease.expiresAt': lease.expiresAt },
      { _id: 1, fence: 1 },
    )
    .lean<Array<{ _id: { toHexString(): string }; fence: number }>>();
  return won.map((d) => ({ id: d._id.toHexString(), fence: d.fence }));
}
