import { Schema, model } from 'mongoose';

/**
 * Hits per key in fixed time windows, counted across every process by atomic `$inc` upserts:
 * notification sends per sender and second, API requests per key, guest lookups per client.
 */
const rateWindowSchema = new Schema({
  key: { type: String, required: true, unique: true },
  count: { type: Number, default: 0 },
  /** Old windows are removed by the TTL index. */
  expiresAt: { type: Date, required: true },
});
rateWindowSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const RateWindowModel = model('RateWindow', rateWindowSchema);
