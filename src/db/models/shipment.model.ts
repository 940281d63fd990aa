import { Schema, model } from 'mongoose';
import { shipmentStatuses, milestones } from '../../tracking/domain/taxonomy';
import { fencedKey, leaseSchema, locationSchema } from './common';

const eventSchema = new Schema(
  {
    id: { type: String, required: true },
    status: { type: String, enum: shipmentStatuses, required: true },
    rawCode: { type: String, default: '' },
    rawText: { type: String, default: '' },
    reasonCode: String,
    location: locationSchema,
    occurredAt: { type: Date, required: true },
    utcOffsetMinutes: { type: Number, default: null },
  },
  { _id: false },
);

const etaSchema = new Schema({ date: String, source: String, recordedAt: Date }, { _id: false });

const estimateSchema = new Schema(
  { from: String, to: String, mostLikely: String, source: String, confidence: Number },
  { _id: false },
);

const shipmentSchema = new Schema(
  {
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    orderId: { type: Schema.Types.ObjectId, required: true, ref: 'Order' },
    carrier: { type: String, required: true },
    trackingNumber: { type: String, required: true },
    items: { type: [{ _id: false, name: String, quantity: Number }], default: undefined },
    status: { type: String, enum: shipmentStatuses, default: 'pending' },
    events: { type: [eventSchema], default: [] },
    eta: { original: etaSchema, current: etaSchema },
    deliveredTo: String,
    handledBy: { type: new Schema({ name: String, trackingUrl: String }, { _id: false }) },
    milestones: [{ _id: false, milestone: { type: String, enum: milestones }, at: Date }],
    lastCheckedAt: Date,
    lastEventAt: Date,
    nextPollAt: { type: Date, default: null },
    trackingProblem: String,
    /** The API request that created it; its notifications carry it into the worker's logs. */
    requestId: String,
    problemKind: String,
    stalledAt: { type: Date, default: null },
    stalledReason: { type: String, default: null },
    estimate: { type: estimateSchema, default: null },
    consecutiveFailures: { type: Number, default: 0 },
    finalAt: Date,
    /** The order's guest data was erased; retention skips it. */
    guestErased: { type: Boolean, default: false },
    lease: { type: leaseSchema, default: null },
    fence: { type: Number, default: 0 },
  },
  { timestamps: true },
);
shipmentSchema.index(...fencedKey);
shipmentSchema.index({ merchantId: 1, carrier: 1, trackingNumber: 1 }, { unique: true });
shipmentSchema.index({ orderId: 1 });
shipmentSchema.index({ nextPollAt: 1 });
shipmentSchema.index({ guestErased: 1, finalAt: 1 });
shipmentSchema.index({ carrier: 1, trackingNumber: 1 });
shipmentSchema.index({ 'lease.owner': 1 }, { sparse: true });

export const ShipmentModel = model('Shipment', shipmentSchema);
