import { Schema, model } from 'mongoose';

/** Sends per channel, sender and second, counted across every worker (atomic $inc). */
const sendRateSchema = new Schema({
  key: { type: String, required: true, unique: true },
  count: { type: Number, default: 0 },
  /** Old windows are removed by the TTL index. */
  expiresAt: { type: Date, required: true },
});
sendRateSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const SendRateModel = model('SendRate', sendRateSchema);
