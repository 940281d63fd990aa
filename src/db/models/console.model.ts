import { Schema, model } from 'mongoose';

const consoleUserSchema = new Schema(
  {
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    email: { type: String, required: true },
    invitedBy: { type: String, required: true },
    lastSignInAt: Date,
  },
  { timestamps: true },
);
consoleUserSchema.index({ merchantId: 1, email: 1 }, { unique: true });
consoleUserSchema.index({ email: 1 });

/** One-time sign-in links: only the token's hash, used at most once, gone after a day. */
const signInLinkSchema = new Schema({
  tokenHash: { type: String, required: true, unique: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  merchantId: { type: Schema.Types.ObjectId, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
});
signInLinkSchema.index({ createdAt: 1 }, { expireAfterSeconds: 86_400 });

const consoleSessionSchema = new Schema({
  tokenHash: { type: String, required: true, unique: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  merchantId: { type: Schema.Types.ObjectId, required: true },
  email: { type: String, required: true },
  createdAt: { type: Date, required: true },
  lastSeenAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  revokedAt: { type: Date, default: null },
  /** Unsaved settings being previewed (pages Notifications and Branding). */
  draft: { type: Schema.Types.Mixed, default: null },
});
// Expired sessions are deleted by MongoDB; revoked ones stay until then, for the record.
consoleSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
consoleSessionSchema.index({ userId: 1 });

export const ConsoleUserModel = model('ConsoleUser', consoleUserSchema);
export const ConsoleSignInLinkModel = model('ConsoleSignInLink', signInLinkSchema);
export const ConsoleSessionModel = model('ConsoleSession', consoleSessionSchema);
