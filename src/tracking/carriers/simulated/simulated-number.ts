import { normalizeTrackingNumber } from '../../domain/tracking-number-formats';

/** Journeys the simulated carrier knows; the five letters in a number pick one. */
export const simulatedScenarios = [
  'HAPPY', // straight to the door, with one late-arriving older scan
  'DELAY', // weather delay: the estimated delivery moves two days later
  'EXCPT', // address problem held at the depot, then a failed attempt, then delivered
  'PCKUP', // failed attempt, then waits at a pickup point, then collected
  'RETRN', // refused and returned to sender
  'STALL', // goes quiet in transit for six days, then moves on
  'NOFND', // the carrier never heard of it
  'FLAKY', // like HAPPY, but the carrier's API fails every other time it is asked
  'QUIET', // like HAPPY, but the carrier never gives a delivery date (Porchlight estimates one)
  'RANDM', // one of the journeys above, chosen by the digits
] as const;
export type SimulatedScenario = (typeof simulatedScenarios)[number];

export interface SimulatedNumber {
  serial: string;
  scenario: SimulatedScenario;
  /** When the journey starts (label created); absent means the carrier's own epoch. */
  anchor?: Date;
}

const pattern = /^SIM(\d{1,12})([A-Z]{5})(?:T([0-9A-Z]{1,9}))?$/;

/**
 * Simulated tracking numbers: `SIM` + serial digits + scenario + optional `T` + the journey's
 * start in base-36 Unix seconds, e.g. `SIM1001HAPPY` or `SIM1001HAPPYTT5XK2O0`.
 */
export function parseSimulatedNumber(trackingNumber: string): SimulatedNumber | null {
  const match = pattern.exec(normalizeTrackingNumber(trackingNumber));
  if (!match) return null;
  const scenario = match[2] as SimulatedScenario;
  if (!simulatedScenarios.includes(scenario)) return null;
  const anchor = match[3] ? new Date(parseInt(match[3], 36) * 1000) : undefined;
  return { serial: match[1] as string, scenario, anchor };
}

/** Pins a number's journey to start at `at`, so every worker and restart sees the same one. */
export function anchorSimulatedNumber(trackingNumber: string, at: Date): string {
  const parsed = parseSimulatedNumber(trackingNumber);
  if (!parsed || parsed.anchor) return trackingNumber;
  const seconds = Math.floor(at.getTime() / 1000)
    .toString(36)
    .toUpperCase();
  return `SIM${parsed.serial}${parsed.scenario}T${seconds}`;
}
