import { Schema, model } from 'mongoose';
import { consentSchema, locationSchema } from './common';

const orderSchema = new Schema(
  {
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    externalId: { type: String, required: true },
    orderNumber: { type: String, required: true },
    guest: {
      email: String,
      /** Lower-cased, trimmed email for lookups. */
      emailNormalized: String,
      phone: String,
      name: String,
      locale: String,
      timezone: String,
      consent: {
        email: { type: consentSchema, default: () => ({}) },
        sms: { type: consentSchema, default: () => ({}) },
      },
      preferences: {
        channels: {
          email: { type: Boolean, default: true },
          sms: { type: Boolean, default: true },
        },
        level: { type: String, enum: ['all', 'key'], default: 'all' },
        stopped: { type: Boolean, default: false },
      },
    },
    destination: { type: locationSchema, default: () => ({}) },
    items: [
      {
        _id: false,
        name: { type: String, required: true },
        quantity: { type: Number, required: true },
        imageUrl: String,
        trackingNumber: String,
      },
    ],
    erasedAt: Date,
    cancelledAt: { type: Date, default: null },
    /** When the store last changed the order, as its webhook said (out-of-order deliveries). */
    storeUpdatedAt: { type: Date },
  },
  { timestamps: true },
);
orderSchema.index({ merchantId: 1, externalId: 1 }, { unique: true });
orderSchema.index({ orderNumber: 1, 'guest.emailNormalized': 1 });
orderSchema.index({ orderNumber: 1, 'destination.postalCode': 1 });
// The console's delivery log: a merchant's orders by guest email or phone.
orderSchema.index({ merchantId: 1, 'guest.emailNormalized': 1 });
orderSchema.index({ merchantId: 1, 'guest.phone': 1 });

export const OrderModel = model('Order', orderSchema);
