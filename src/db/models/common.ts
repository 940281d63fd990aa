import { Schema } from 'mongoose';

export const leaseSchema = new Schema(
  { owner: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  { _id: false },
);

export const consentSchema = new Schema(
  { granted: { type: Boolean, default: false }, at: Date, source: String },
  { _id: false },
);

export const locationSchema = new Schema(
  { city: String, region: String, postalCode: String, country: String },
  { _id: false },
);
