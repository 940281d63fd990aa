import { Schema, model } from 'mongoose';

const suppressionSchema = new Schema(
  {
    channel: { type: String, enum: ['email', 'sms'], required: true },
    /** HMAC (key from TOKEN_SECRET) of the lower-cased email or E.164 phone; never the address. */
    address: { type: String, required: true },
    /** Empty string means every merchant (e.g. a carrier-level STOP). */
    merchantId: { type: String, default: '' },
    reason: { type: String, required: true },
    source: String,
    /** Masked address for people to recognise it (`j•••@example.com`); see maskAddress. */
    hint: String,
  },
  { timestamps: true },
);
suppressionSchema.index({ channel: 1, address: 1, merchantId: 1 }, { unique: true });
suppressionSchema.index({ merchantId: 1, createdAt: -1, _id: -1 });

export const SuppressionModel = model('Suppression', suppressionSchema);
