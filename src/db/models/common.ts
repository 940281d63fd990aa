import { Schema } from 'mongoose';

export const leaseSchema = new Schema(
  {
    owner: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    /** Which claim (one bulk claim of one worker) set this lease. */
    token: String,
  },
  { _id: false },
);

export const consentSchema = new Schema(
  { granted: { type: Boolean, default: false }, at: Date, source: String },
  { _id: false },
);

export const locationSchema = new Schema(
  { city: String, region: String, postalCode: String, country: String },
  { _id: false },
);

/**
 * Every leased collection declares `{_id, fence}` unique: trivially true, and it lets the
 * fenced compare-and-set writes (`{_id, fence}` filters) use an index on mongo-java-server,
 * which only serves queries whose keys equal a unique index's keys. See db/lease.ts.
 */
export const fencedKey = [{ _id: 1, fence: 1 }, { unique: true }] as const;
