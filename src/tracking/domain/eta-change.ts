import type { EtaEstimate } from '../shipment';

export interface EtaState {
  original?: EtaEstimate;
  current?: EtaEstimate;
}

export interface EtaDecision {
  eta: EtaState;
  /** The estimate moved later by at least one calendar day. */
  delayed: boolean;
}

/** Whole calendar days from one YYYY-MM-DD date to another. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Folds a carrier's latest estimate into the shipment's: the first estimate is kept as the
 * original for good; later ones revise `current`. Moving later by a day or more is a delay.
 */
export function applyEta(
  state: EtaState,
  reported: Omit<EtaEstimate, 'recordedAt'> | undefined,
  now: Date,
): EtaDecision {
  if (!reported || !/^\d{4}-\d{2}-\d{2}$/.test(reported.date))
    return { eta: state, delayed: false };
  const estimate: EtaEstimate = { ...reported, recordedAt: now };
  if (!state.current)
    return { eta: { original: state.original ?? estimate, current: estimate }, delayed: false };
  if (state.current.date === reported.date) return { eta: state, delayed: false };
  const moved = calendarDaysBetween(state.current.date, reported.date);
  return {
    eta: { original: state.original ?? state.current, current: estimate },
    delayed: moved >= 1,
  };
}
