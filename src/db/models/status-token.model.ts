import { Schema, model } from 'mongoose';

const statusTokenSchema = new Schema(
  {
    /** HMAC of the token; the token itself is never stored. */
    tokenHash: { type: String, required: true, unique: true },
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    orderId: { type: Schema.Types.ObjectId, required: true, ref: 'Order' },
    /** Null while the order is still moving; set once its shipments are final. */
    expiresAt: { type: Date, default: null },
    revokedAt: Date,
  },
  { timestamps: true },
);
statusTokenSchema.index({ orderId: 1 });

export const StatusTokenModel = model('StatusToken', statusTokenSchema);
