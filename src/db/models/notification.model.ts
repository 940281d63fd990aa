import { Schema, model } from 'mongoose';
import { notificationStates } from '../../notify/notification';
import { fencedKey, leaseSchema } from './common';

const notificationSchema = new Schema(
  {
    idempotencyKey: { type: String, required: true, unique: true },
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    orderId: { type: Schema.Types.ObjectId, required: true, ref: 'Order' },
    shipmentIds: [{ type: Schema.Types.ObjectId, ref: 'Shipment' }],
    milestone: { type: String, required: true },
    channel: { type: String, enum: ['email', 'sms'], required: true },
    recipient: { type: String, default: '' },
    template: { type: String, required: true },
    locale: { type: String, default: 'en' },
    state: { type: String, enum: notificationStates, default: 'pending' },
    history: [{ _id: false, at: Date, state: String, reason: String, detail: String }],
    attempts: { type: Number, default: 0 },
    notBefore: { type: Date, required: true },
    providerMessageId: String,
    providerStatus: String,
    /** When the provider accepted it (for the per-shipment daily cap). */
    sentAt: Date,
    deliveredAt: Date,
    openedAt: Date,
    clickedAt: Date,
    /** Provider events already applied (SendGrid sg_event_id, Twilio status), so repeats change nothing. */
    appliedEvents: { type: [String], default: [] },
    lastError: String,
    /** Which bulk transition wrote last (read back to learn which fenced writes applied). */
    lastStep: String,
    /** The web request that led to it (kept for the worker's log lines about it). */
    requestId: String,
    lease: { type: leaseSchema, default: null },
    fence: { type: Number, default: 0 },
  },
  { timestamps: true },
);
notificationSchema.index(...fencedKey);
notificationSchema.index({ state: 1, notBefore: 1 });
notificationSchema.index({ merchantId: 1, createdAt: -1 });
// The console overview: what changed in a merchant's messages this week.
notificationSchema.index({ merchantId: 1, updatedAt: -1 });
notificationSchema.index({ orderId: 1 });
notificationSchema.index({ recipient: 1, channel: 1 });
notificationSchema.index({ providerMessageId: 1 }, { sparse: true });
notificationSchema.index({ 'lease.owner': 1 }, { sparse: true });

export const NotificationModel = model('Notification', notificationSchema);
