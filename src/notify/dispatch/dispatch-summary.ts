/** What one dispatch run did, per outcome. */
export interface DispatchSummary {
  claimed: number;
  sent: number;
  skipped: number;
  deferred: number;
  retried: number;
  failed: number;
  unknown: number;
}

export type DispatchOutcome = keyof Omit<DispatchSummary, 'claimed'>;

export const emptySummary = (): DispatchSummary => ({
  claimed: 0,
  sent: 0,
  skipped: 0,
  deferred: 0,
  retried: 0,
  failed: 0,
  unknown: 0,
});

export function addSummary(into: DispatchSummary, from: Partial<DispatchSummary>): void {
  for (const key of Object.keys(into) as Array<keyof DispatchSummary>) into[key] += from[key] ?? 0;
}
