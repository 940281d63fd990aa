import type { CarrierAdapter } from './carrier';
import { normalizeTrackingNumber } from './domain/tracking-number-formats';

export type Detection =
  | { ok: true; carrier: string }
  | { ok: false; reason: 'unknown_format' | 'ambiguous'; candidates: string[] };

/** The carriers this process knows, by code, and carrier detection from a tracking number. */
export class CarrierRegistry {
  private readonly byCode: Map<string, CarrierAdapter>;

  constructor(
    adapters: CarrierAdapter[],
    /** Code of the aggregator that takes numbers no single carrier claims, if configured. */
    private readonly fallbackCode?: string,
  ) {
    this.byCode = new Map(adapters.map((a) => [a.code, a]));
  }

  get(code: string): CarrierAdapter | undefined {
    return this.byCode.get(code);
  }

  all(): CarrierAdapter[] {
    return [...this.byCode.values()];
  }

  /** Which carrier a number belongs to, from its format and check digit. */
  detect(trackingNumber: string): Detection {
    const number = normalizeTrackingNumber(trackingNumber);
    const candidates = this.all()
      .filter((a) => a.matches?.(number))
      .map((a) => a.code);
    if (candidates.length === 1) return { ok: true, carrier: candidates[0] as string };
    if (this.fallbackCode && this.byCode.get(this.fallbackCode)?.enabled)
      return { ok: true, carrier: this.fallbackCode };
    return {
      ok: false,
      reason: candidates.length === 0 ? 'unknown_format' : 'ambiguous',
      candidates,
    };
  }
}
