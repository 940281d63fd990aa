import { Schema, model } from 'mongoose';

/** Status-page views per merchant and day (UTC), the console's "questions answered" figure. */
const pageVisitSchema = new Schema({
  merchantId: { type: Schema.Types.ObjectId, required: true },
  day: { type: String, required: true },
  count: { type: Number, default: 0 },
});
pageVisitSchema.index({ merchantId: 1, day: 1 }, { unique: true });

export const PageVisitModel = model('PageVisit', pageVisitSchema);
