import { Schema, model } from 'mongoose';

/**
 * Merchant API keys, one document each: a unique index on an array inside the merchant would
 * not be enforced by every MongoDB-compatible server (mongo-java-server ignores it).
 */
const apiKeySchema = new Schema(
  {
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    /** First characters of the key, shown so people can tell keys apart. */
    prefix: { type: String, required: true },
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    hash: { type: String, required: true, unique: true },
    label: String,
    revokedAt: Date,
  },
  { timestamps: true },
);
apiKeySchema.index({ merchantId: 1 });

export const ApiKeyModel = model('ApiKey', apiKeySchema);
