/**
 * Delay before the next attempt after a transient failure: exponential from `baseMs`, with
 * full jitter so many workers retrying at once spread out, and never sooner than the
 * provider's Retry-After.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  random: number,
  retryAfterMs?: number,
): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  const jittered = exponential / 2 + (exponential / 2) * random;
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
