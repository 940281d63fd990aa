import type { Model } from 'mongoose';
import type { Lease } from '../tracking/shipment';

/** Any model whose documents carry `lease` and `fence` (mongoose's generics are invariant). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LeasedModel = Model<any>;

/** A claimed document: its id and the fencing token every completing write must match. */
export interface Claim {
  id: string;
  fence: number;
  /** Claimed from another owner whose lease had expired (it died or stalled). */
  takenOver?: boolean;
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
        // The document as it was, to tell a free claim from a takeover of an expired lease.
        {
          sort: options.sort,
          returnDocument: 'before',
          projection: { _id: 1, fence: 1, lease: 1 },
        },
      )
      .lean<{ _id: { toHexString(): string }; fence?: number; lease?: Lease | null }>();
    if (!doc) break;
    claims.push({
      id: doc._id.toHexString(),
      fence: (doc.fence ?? 0) + 1,
      ...(doc.lease ? { takenOver: true } : {}),
    });
  }
  return claims;
}

/** Frees the leases this process holds, and only those (a restart never frees another's). */
export async function releaseLeases(model: LeasedModel, owner: string): Promise<number> {
  const result = await model.updateMany({ 'lease.owner': owner }, { $set: { lease: null } });
  return result.modifiedCount;
}
