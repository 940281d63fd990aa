import { Schema, model } from 'mongoose';

const auditActorSchema = new Schema(
  {
    kind: { type: String, enum: ['console_user', 'api_key', 'cli'], required: true },
    id: { type: String, required: true },
    label: { type: String, required: true },
  },
  { _id: false },
);

/** One change to a merchant's account: who, what, and plain JSON before/after (never secrets). */
const auditEntrySchema = new Schema(
  {
    merchantId: { type: Schema.Types.ObjectId, required: true, ref: 'Merchant' },
    actor: { type: auditActorSchema, required: true },
    action: { type: String, required: true },
    target: String,
    before: Schema.Types.Mixed,
    after: Schema.Types.Mixed,
    reason: String,
    at: { type: Date, required: true },
  },
  // Snapshots are kept as given: an empty object stays an empty object.
  { minimize: false },
);
auditEntrySchema.index({ merchantId: 1, at: -1, _id: -1 });

export const AuditEntryModel = model('AuditEntry', auditEntrySchema);
