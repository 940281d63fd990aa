import { Schema, model } from 'mongoose';
import { platforms, storeEventStates } from '../../integrations/integration';
import { leaseSchema, fencedKey } from './common';

/** A connected Shopify shop or WooCommerce store. */
const storeConnectionSchema = new Schema(
  {
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    platform: { type: String, enum: platforms, required: true },
    /**
     * Natural key: `shopify:<shop domain>` (a shop reaches one merchant, since webhooks are
     * routed by shop) or `woocommerce:<merchant>:<store url>`.
     */
    key: { type: String, required: true, unique: true },
    shopDomain: String,
    storeUrl: String,
    sealedSecret: { type: String, required: true },
    lastError: { type: new Schema({ at: Date, message: String }, { _id: false }), default: null },
  },
  { timestamps: true },
);
storeConnectionSchema.index({ merchantId: 1 });

export const StoreConnectionModel = model('StoreConnection', storeConnectionSchema);

/** Verified webhook deliveries, the worker's queue; kept a week as the replay guard. */
const storeEventSchema = new Schema(
  {
    connectionId: { type: Schema.Types.ObjectId, required: true, ref: 'StoreConnection' },
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    platform: { type: String, enum: platforms, required: true },
    topic: { type: String, required: true },
    deliveryKey: { type: String, required: true, unique: true },
    eventKey: { type: String },
    body: { type: String, default: null },
    state: { type: String, enum: storeEventStates, default: 'pending' },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    outcome: String,
    lease: { type: leaseSchema, default: null },
    fence: { type: Number, default: 0 },
  },
  { timestamps: false },
);
storeEventSchema.index({ eventKey: 1 }, { unique: true, sparse: true });
storeEventSchema.index(...fencedKey);
storeEventSchema.index({ state: 1, nextAttemptAt: 1 });
storeEventSchema.index({ connectionId: 1, receivedAt: -1 });
storeEventSchema.index({ receivedAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

export const StoreEventModel = model('StoreEvent', storeEventSchema);

/** Rejected and duplicate deliveries per connection and hour, for the health view. */
const storeTallySchema = new Schema(
  {
    connectionId: { type: Schema.Types.ObjectId, required: true },
    hour: { type: Date, required: true },
    rejected: { type: Number, default: 0 },
    duplicate: { type: Number, default: 0 },
  },
  { timestamps: false },
);
storeTallySchema.index({ connectionId: 1, hour: 1 }, { unique: true });
storeTallySchema.index({ hour: 1 }, { expireAfterSeconds: 3 * 24 * 3600 });

export const StoreTallyModel = model('StoreTally', storeTallySchema);

/** Guests' data requests received from stores, exportable through the API. */
const dataRequestSchema = new Schema(
  {
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    connectionId: { type: Schema.Types.ObjectId, required: true },
    platform: { type: String, enum: platforms, required: true },
    requestId: String,
    customer: { externalId: String, email: String, phone: String },
    externalIds: { type: [String], default: [] },
    orderPrefix: { type: String, required: true },
    receivedAt: { type: Date, required: true },
  },
  { timestamps: false },
);
dataRequestSchema.index({ merchantId: 1, receivedAt: -1 });

export const DataRequestModel = model('DataRequest', dataRequestSchema);
