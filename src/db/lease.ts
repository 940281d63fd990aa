import { randomUUID } from 'node:crypto';
import type { Model, Types } from 'mongoose';
import { objectId } from './to-entity';
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

export interface LeaseOptions {
  owner: string;
  now: Date;
  leaseMs: number;
  /** Owners that stopped beating (worker-heartbeat.repository.ts): their leases are free. */
  deadOwners?: string[];
}

export interface ClaimOptions extends LeaseOptions {
  limit: number;
  /** The documents that are due; free or expired leases are added to it. */
  due: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
}

/**
 * A document whose lease is free, has run out, or belongs to an owner that stopped beating
 * (killed or paused): the fence keeps a paused owner's late writes out after a takeover.
 */
export const leaseIsFree = (now: Date, deadOwners: string[] = []) => ({
  $or: [
    { lease: null },
    { 'lease.expiresAt': { $lte: now } },
    ...(deadOwners.length ? [{ 'lease.owner': { $in: deadOwners } }] : []),
  ],
});

/** The in-memory twin of `leaseIsFree`, for documents already read. */
export function leaseFreeNow(
  lease: { owner: string; expiresAt: Date } | null | undefined,
  now: Date,
  deadOwners: string[] = [],
): boolean {
  return !lease || lease.expiresAt <= now || deadOwners.includes(lease.owner);
}

/**
 * Filter, projection and sort that list claim candidates: due documents with a free lease, as
 * `{_id, fence}`. Callers run it as one query per batch (or one cursor per pass).
 */
export function candidateQuery(options: Pick<ClaimOptions, 'now' | 'due' | 'deadOwners'>) {
  const free = leaseIsFree(options.now, options.deadOwners);
  return {
    // The due conditions stay at the top level beside the lease's `$or` when they have none of
    // their own: the same query, and the embedded server plans only from top-level fields
    // (under `$and`, `state: 'pending'` found no index and every claim scanned the outbox).
    filter: '$or' in options.due ? { $and: [options.due, free] } : { ...options.due, ...free },
    projection: { _id: 1, fence: 1, lease: 1 },
  };
}

/** A due document as read for claiming: its id and the fence it had then. */
export type Candidate = {
  _id: Types.ObjectId;
  fence: number;
  /** The lease it had when read: set means a takeover of an expired or dead owner's claim. */
  lease?: { owner: string } | null;
};
const hex = (id: Types.ObjectId) => id.toHexString();

/**
 * Claims candidates read with their fence in one compare-and-set bulk write keyed by
 * `{_id, fence}`: each claim bumps the fence, so a candidate someone else claimed since it was
 * read (or still holds) does not match, and no document is ever claimed twice for one fence.
 * `{_id: 1, fence: 1}` is declared unique on every leased model so the filter is an index
 * lookup on mongo-java-server too (it uses only unique indexes whose keys equal the query's).
 * One read then returns what this caller won, with `projection` (full documents by default).
 */
export async function claimCandidates<T = Record<string, unknown>>(
  model: LeasedModel,
  candidates: Candidate[],
  options: LeaseOptions,
  projection?: Record<string, 0 | 1>,
): Promise<Array<{ claim: Claim; doc: T }>> {
  if (candidates.length === 0) return [];
  const lease: Lease & { token: string } = {
    owner: options.owner,
    expiresAt: new Date(options.now.getTime() + options.leaseMs),
    token: randomUUID(),
  };
  await model.collection.bulkWrite(
    candidates.map((c) => ({
      updateOne: {
        filter: { _id: c._id, fence: c.fence },
        update: { $set: { lease }, $inc: { fence: 1 } },
      },
    })),
    { ordered: false },
  );
  const read = new Map(candidates.map((c) => [hex(c._id), c]));
  const docs = await model.collection
    .find(
      { _id: { $in: candidates.map((c) => c._id) } },
      projection ? { projection: { ...projection, _id: 1, fence: 1, lease: 1 } } : {},
    )
    .toArray();
  return docs
    .filter((d) => d.lease?.token === lease.token && read.get(hex(d._id))?.fence === d.fence - 1)
    .map((d) => ({
      claim: { id: hex(d._id), fence: d.fence as number, takenOver: !!read.get(hex(d._id))?.lease },
      doc: d as T,
    }));
}

/**
 * Claims up to `limit` due documents in three round trips whatever the limit: one query for
 * candidates, one bulk compare-and-set, one read of what was won.
 */
export async function claimDue(model: LeasedModel, options: ClaimOptions): Promise<Claim[]> {
  const { filter, projection } = candidateQuery(options);
  const candidates = await model.collection
    .find(filter, { projection, sort: options.sort, limit: options.limit })
    .toArray();
  const won = await claimCandidates(model, candidates as unknown as Candidate[], options, {
    _id: 1,
  });
  return won.map((w) => w.claim);
}

/**
 * Extends the leases this owner still holds on `claims` (long batches), keeping their fences:
 * returns how many were renewed. A claim taken over meanwhile, or already completed (its lease
 * cleared, its fence kept), is not touched: setting `lease.expiresAt` on a cleared lease would
 * be an error on MongoDB, and reviving it would hold a finished document.
 */
export async function renewLeases(
  model: LeasedModel,
  claims: Claim[],
  options: LeaseOptions,
): Promise<number> {
  if (claims.length === 0) return 0;
  const result = await model.collection.bulkWrite(
    claims.map((c) => ({
      updateOne: {
        filter: { _id: objectId(c.id)!, fence: c.fence, 'lease.owner': options.owner },
        update: { $set: { 'lease.expiresAt': new Date(options.now.getTime() + options.leaseMs) } },
      },
    })),
    { ordered: false },
  );
  return result.modifiedCount;
}

/**
 * Runs `work` while renewing its leases every third of `leaseMs` (a batch that slow providers
 * or carriers hold up past its lease would otherwise be taken over and done twice). A failed
 * renewal is reported and retried at the next tick.
 */
export async function whileRenewing<T>(
  renew: () => Promise<unknown>,
  leaseMs: number,
  onError: (error: unknown) => void,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => void renew().catch(onError), leaseMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Frees the leases this process holds, and only those (a restart never frees another's). */
export async function releaseLeases(model: LeasedModel, owner: string): Promise<number> {
  const result = await model.updateMany({ 'lease.owner': owner }, { $set: { lease: null } });
  return result.modifiedCount;
}
