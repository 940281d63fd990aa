import { Schema, model } from 'mongoose';
import { fencedKey, leaseSchema } from './common';

/** A merchant's HTTPS endpoint for milestone events. */
const webhookEndpointSchema = new Schema(
  {
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    url: { type: String, required: true },
    /** Signing secret, shown once at creation. */
    secret: { type: String, required: true },
    /** Milestones to send; empty means all. */
    milestones: { type: [String], default: [] },
    consecutiveFailures: { type: Number, default: 0 },
    failingSince: { type: Date, default: null },
    disabledAt: { type: Date, default: null },
    disabledReason: String,
  },
  { timestamps: true },
);
webhookEndpointSchema.index({ merchantId: 1 });

export const WebhookEndpointModel = model('WebhookEndpoint', webhookEndpointSchema);

/** One event for one endpoint, retried until delivered or 24 hours old. */
const webhookDeliverySchema = new Schema(
  {
    /** `${endpointId}:${eventId}`: an event reaches an endpoint once. */
    key: { type: String, required: true, unique: true },
    endpointId: { type: Schema.Types.ObjectId, required: true, ref: 'WebhookEndpoint' },
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    eventId: { type: String, required: true },
    body: { type: String, required: true },
    state: { type: String, enum: ['pending', 'delivered', 'failed'], default: 'pending' },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    history: [{ _id: false, at: Date, status: Number, error: String }],
    lease: { type: leaseSchema, default: null },
    fence: { type: Number, default: 0 },
  },
  { timestamps: true },
);
webhookDeliverySchema.index(...fencedKey);
webhookDeliverySchema.index({ state: 1, nextAttemptAt: 1 });
webhookDeliverySchema.index({ merchantId: 1, createdAt: -1 });

export const WebhookDeliveryModel = model('WebhookDelivery', webhookDeliverySchema);
