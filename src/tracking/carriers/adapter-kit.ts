import type { CarrierOutcome } from '../carrier';

/** Tracks numbers one request at a time, for carrier APIs that take one number per call. */
export async function trackOneByOne(
  trackingNumbers: readonly string[],
  trackOne: (trackingNumber: string) => Promise<CarrierOutcome>,
): Promise<CarrierOutcome[]> {
  const outcomes: CarrierOutcome[] = [];
  for (const n of trackingNumbers) outcomes.push(await trackOne(n));
  return outcomes;
}

/** What a carrier without credentials answers for a number (the poller normally never asks). */
export function disabledOutcome(
  trackingNumber: string,
  reason: string | undefined,
): CarrierOutcome {
  return {
    ok: false,
    trackingNumber,
    error: { kind: 'auth', message: reason ?? 'this carrier is not configured' },
  };
}
