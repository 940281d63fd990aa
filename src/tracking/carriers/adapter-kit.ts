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

/**
 * A carrier's 4xx refusal of one number. Only a refusal that speaks of the tracking number
 * stops polling (invalid_number); anything else, such as a changed API or a bad parameter on
 * our side, is retried later rather than silently ending the guest's tracking.
 */
export function refusedOutcome(trackingNumber: string, message: string): CarrierOutcome {
  const aboutNumber = /tracking|number/i.test(message);
  return {
    ok: false,
    trackingNumber,
    error: { kind: aboutNumber ? 'invalid_number' : 'transient', message },
  };
}
