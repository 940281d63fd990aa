import type { Config } from '../config/config';
import type { TrackingPolicy } from './domain/plan-update';
import { shipmentStatuses, type ShipmentStatus } from './domain/taxonomy';

/** The tracking rules as configured: intervals, jitter, backoff, expiry and stall thresholds. */
export function trackingPolicy(config: Config): TrackingPolicy {
  const t = config.tracking;
  const intervalsMs = Object.fromEntries(
    shipmentStatuses.map((s) => [s, (t.pollIntervalsSeconds[s] ?? 0) * 1000]),
  ) as Record<ShipmentStatus, number>;
  return {
    intervalsMs,
    jitter: t.pollJitter,
    backoffBaseMs: t.backoffBaseMs,
    backoffMaxMs: t.backoffMaxMs,
    expireAfterDays: t.expireAfterDays,
    stalledBusinessDays: t.stalledBusinessDays,
  };
}
