import { Schema, model } from 'mongoose';

/**
 * What one lane learned in one week (Monday, YYYY-MM-DD, carrier's calendar): per stage, how
 * many deliveries took each number of business days (`toDelivery.<stage>.<days>`) and how many
 * scan gaps fell in each bin (`gaps.<stage>.<bin>`). Updated only by atomic `$inc` upserts.
 */
const laneStatsSchema = new Schema(
  {
    lane: { type: String, required: true },
    week: { type: String, required: true },
    deliveries: { type: Number, default: 0 },
    toDelivery: { type: Schema.Types.Mixed, default: {} },
    gaps: { type: Schema.Types.Mixed, default: {} },
  },
  { timestamps: true, minimize: false },
);
laneStatsSchema.index({ lane: 1, week: 1 }, { unique: true });

export const LaneStatsModel = model('LaneStats', laneStatsSchema);
