import { Schema, model } from 'mongoose';

const merchantSchema = new Schema(
  {
    name: { type: String, required: true },
    /** Natural key for idempotent seeding and CLI lookups. */
    slug: { type: String, required: true, unique: true },
    branding: {
      displayName: { type: String, required: true },
      logoUrl: String,
      primaryColor: { type: String, default: '#1f6feb' },
      supportEmail: String,
      supportUrl: String,
      supportPhone: String,
    },
    senders: {
      email: { from: String, fromName: String, replyTo: String },
      sms: { messagingServiceSid: String, fromNumber: String },
    },
    preferences: { type: Schema.Types.Mixed, required: true },
  },
  { timestamps: true, minimize: false },
);

export const MerchantModel = model('Merchant', merchantSchema);
