import type { CarrierAdapter, CarrierOutcome } from '../carrier';

/**
 * Calls an adapter for one batch and returns exactly one outcome per number. Adapters promise
 * never to throw, but a bug in one must not take the worker down: anything raw becomes a
 * transient failure for the whole batch.
 */
export async function trackBatch(
  adapter: CarrierAdapter,
  trackingNumbers: string[],
  now: Date,
): Promise<Map<string, CarrierOutcome>> {
  let outcomes: CarrierOutcome[];
  try {
    outcomes = await adapter.track(trackingNumbers, now);
  } catch (error) {
    const message = `carrier adapter failed: ${error instanceof Error ? error.message : String(error)}`;
    outcomes = trackingNumbers.map((trackingNumber) => ({
      ok: false,
      trackingNumber,
      error: { kind: 'transient', message },
    }));
  }
  const byNumber = new Map<string, CarrierOutcome>();
  for (const outcome of outcomes) {
    const number = outcome.ok ? outcome.result.trackingNumber : outcome.trackingNumber;
    byNumber.set(number, outcome);
  }
  for (const trackingNumber of trackingNumbers)
    if (!byNumber.has(trackingNumber))
      byNumber.set(trackingNumber, {
        ok: false,
        trackingNumber,
        error: { kind: 'transient', message: 'carrier returned no result for this number' },
      });
  return byNumber;
}

/** A batch where every number failed transiently means the carrier itself is struggling. */
export function carrierIsStruggling(outcomes: Iterable<CarrierOutcome>): {
  struggling: boolean;
  retryAfterMs?: number;
} {
  let retryAfterMs: number | undefined;
  for (const outcome of outcomes) {
    if (outcome.ok) return { struggling: false };
    if (outcome.error.kind !== 'transient' && outcome.error.kind !== 'rate_limited')
      return { struggling: false };
    if (outcome.error.retryAfterMs)
      retryAfterMs = Math.max(retryAfterMs ?? 0, outcome.error.retryAfterMs);
  }
  return { struggling: true, retryAfterMs };
}
