import type { ShipmentStatus } from './taxonomy';

/** How often each status is polled and how failures back off; every value is configurable. */
export interface PollSchedulePolicy {
  /** Base interval per status, in ms. Final statuses are never polled. */
  intervalsMs: Record<ShipmentStatus, number>;
  /** Spread each interval by up to ± this fraction so shipments do not poll in lockstep. */
  jitter: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** A random number in [0, 1); injected so tests are deterministic. */
export type Random = () => number;

function jittered(ms: number, jitter: number, random: Random): number {
  return Math.max(1000, Math.round(ms * (1 + jitter * (2 * random() - 1))));
}

/** When a shipment in `status` should next be asked about. */
export function nextPollAt(
  status: ShipmentStatus,
  now: Date,
  policy: PollSchedulePolicy,
  random: Random,
): Date {
  return new Date(now.getTime() + jittered(policy.intervalsMs[status], policy.jitter, random));
}

/**
 * Exponential backoff after `failures` consecutive transient errors, capped; a carrier's
 * Retry-After wins when it asks for longer.
 */
export function backoffPollAt(
  failures: number,
  now: Date,
  policy: PollSchedulePolicy,
  random: Random,
  retryAfterMs?: number,
): Date {
  const exponential = policy.backoffBaseMs * 2 ** Math.max(0, Math.min(failures - 1, 30));
  const wait = Math.max(
    jittered(Math.min(exponential, policy.backoffMaxMs), policy.jitter, random),
    retryAfterMs ?? 0,
  );
  return new Date(now.getTime() + wait);
}
