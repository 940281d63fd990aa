/**
 * How the estimator reads lane statistics. The values are the ones the backtest
 * (`npm run eta:backtest`) was tuned with; change them only with a new backtest.
 */
export interface EstimatorPolicy {
  /** A lane is used at a stage only once it has this many deliveries from that stage. */
  minSamples: number;
  /** Weeks are gathered newest first until this many deliveries are counted. */
  recentSamples: number;
  /** Weeks of statistics read at most. */
  lookbackWeeks: number;
  /** Widest window shown, in business days. */
  windowDays: number;
  /** A one-day window is shown when that day alone holds this share of deliveries. */
  singleDayShare: number;
  /** Early delay: a scan gap beyond this quantile of the lane's gaps at that stage. */
  delayQuantile: number;
  /** ...plus this many business hours, so a lane's ordinary overnight gap never alarms. */
  delayMarginHours: number;
}

export const defaultEstimatorPolicy: EstimatorPolicy = {
  minSamples: 30,
  recentSamples: 150,
  lookbackWeeks: 12,
  windowDays: 2,
  singleDayShare: 0.85,
  // Tuned on a synthetic history (seed 1): the 90th percentile alone flagged 30 % of on-time
  // parcels, because a lost scan doubles an ordinary gap; this keeps false alarms under 5 %.
  delayQuantile: 0.97,
  delayMarginHours: 4,
};
