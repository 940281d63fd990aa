import type { CarrierAdapter, CarrierLimits, CarrierOutcome, CarrierResult } from '../../carrier';
import type { TrackingEvent } from '../../shipment';
import { journeys, placeOf, type Journey } from './simulated-journeys';
import { parseSimulatedNumber, type SimulatedNumber } from './simulated-number';

export interface SimulatedCarrierOptions {
  /** Real time per journey step: seconds make a demo visibly progress, hours feel real. */
  paceMs: number;
  /**
   * When the shipments of unanchored numbers were created: a journey starts with its shipment
   * (a parcel registered ten minutes after start-up is not already delivered).
   */
  journeyStarts?: (trackingNumbers: string[]) => Promise<Map<string, Date>>;
  /** Start of unanchored journeys no shipment accounts for. */
  epoch: Date;
  limits?: Partial<CarrierLimits>;
  /** Milliseconds each request takes to answer, as a real carrier's API does (load tests). */
  latencyMs?: number;
}

const dayMs = 86_400_000;
const randomPick = ['HAPPY', 'DELAY', 'EXCPT', 'PCKUP', 'RETRN', 'HAPPY', 'HAPPY'] as const;

function journeyOf(number: SimulatedNumber): Journey | undefined {
  if (number.scenario === 'RANDM') {
    const pick = randomPick[
      Number(number.serial) % randomPick.length
    ] as (typeof randomPick)[number];
    return journeys[pick];
  }
  if (number.scenario === 'FLAKY') return journeys.HAPPY;
  if (number.scenario === 'NOFND') return undefined;
  return journeys[number.scenario];
}

/**
 * A carrier that exists only in software: each number's journey follows from the number and the
 * clock alone, so every worker, every restart and every test sees the same one. Used by demo
 * mode and the tests; never for real parcels.
 */
export class SimulatedCarrier implements CarrierAdapter {
  readonly code = 'simulated';
  readonly displayName = 'Porchlight Simulated Express';
  readonly enabled = true;
  readonly limits: CarrierLimits;

  constructor(private readonly options: SimulatedCarrierOptions) {
    this.limits = { batchSize: 50, concurrency: 4, requestsPerSecond: 100, ...options.limits };
  }

  matches(trackingNumber: string): boolean {
    return parseSimulatedNumber(trackingNumber) !== null;
  }

  publicTrackingUrl(): string | undefined {
    return undefined;
  }

  async track(trackingNumbers: string[], now: Date): Promise<CarrierOutcome[]> {
    if (this.options.latencyMs)
      await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    let starts: Map<string, Date>;
    try {
      const unanchored = trackingNumbers.filter((n) => !parseSimulatedNumber(n)?.anchor);
      starts = (await this.options.journeyStarts?.(unanchored)) ?? new Map();
    } catch (error) {
      const message = `simulated carrier could not read journey starts: ${(error as Error).message}`;
      return trackingNumbers.map((n) => fail(n, 'transient', message));
    }
    return trackingNumbers.map((n) => this.trackOne(n, now, starts.get(n)));
  }

  private trackOne(trackingNumber: string, now: Date, createdAt?: Date): CarrierOutcome {
    const number = parseSimulatedNumber(trackingNumber);
    if (!number) return fail(trackingNumber, 'invalid_number', 'not a simulated tracking number');
    const { paceMs } = this.options;
    const anchor = (number.anchor ?? createdAt ?? this.options.epoch).getTime();
    if (number.scenario === 'FLAKY' && Math.floor((now.getTime() - anchor) / paceMs) % 2 === 1)
      return fail(trackingNumber, 'transient', 'simulated carrier API timed out');
    const journey = journeyOf(number);
    const at = (step: number, gapDays = 0) => anchor + step * paceMs + gapDays * dayMs;
    const visible = journey?.scans
      .map((scan, index) => ({ scan, index }))
      .filter(({ scan }) => at(scan.revealStep ?? scan.step, scan.gapDays) <= now.getTime());
    if (!journey || !visible || visible.length === 0)
      return fail(trackingNumber, 'not_found', 'no record of this number at the carrier yet');
    const events: TrackingEvent[] = visible.map(({ scan, index }) => {
      const place = placeOf(scan, number.serial);
      const { utcOffsetMinutes, ...location } = place;
      return {
        id: `${trackingNumber}:${index}`,
        status: scan.status,
        rawCode: scan.code,
        rawText: scan.text,
        ...(scan.reasonCode ? { reasonCode: scan.reasonCode } : {}),
        location,
        occurredAt: new Date(at(scan.step, scan.gapDays)),
        utcOffsetMinutes,
      };
    });
    const latest = events.reduce((a, b) => (b.occurredAt >= a.occurredAt ? b : a));
    const eta = journey.eta.filter((e) => at(e.step, e.gapDays) <= now.getTime()).at(-1);
    const result: CarrierResult = { trackingNumber, status: latest.status, events };
    if (eta) {
      const date = new Date(anchor + eta.days * dayMs).toISOString().slice(0, 10);
      result.eta = { date, source: eta.source };
    }
    if (latest.status === 'delivered' && journey.deliveredTo)
      result.deliveredTo = journey.deliveredTo;
    return { ok: true, result };
  }
}

function fail(
  trackingNumber: string,
  kind: 'invalid_number' | 'not_found' | 'transient',
  message: string,
): CarrierOutcome {
  return { ok: false, trackingNumber, error: { kind, message } };
}
