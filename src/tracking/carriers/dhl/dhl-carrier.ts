import type { CarrierAdapter, CarrierLimits, CarrierOutcome, CarrierResult } from '../../carrier';
import { isDhlExpressNumber, isDhlParcelNumber } from '../../domain/tracking-number-formats';
import type { TrackingEvent } from '../../shipment';
import { mapDhlStatus } from './dhl-status-map';
import { disabledOutcome, refusedOutcome, trackOneByOne } from '../adapter-kit';
import { getJson, type HttpAnswer } from '../http/get-json';
import { parseCarrierTime, stableEventIds } from '../normalize';

export interface DhlOptions {
  apiKey: string | undefined;
  /** https://api-eu.dhl.com (production) or https://api-test.dhl.com (sandbox). */
  baseUrl: string;
  limits?: Partial<CarrierLimits>;
}

interface DhlEvent {
  timestamp?: string;
  statusCode?: string;
  status?: string;
  description?: string;
  location?: { address?: { addressLocality?: string; postalCode?: string; countryCode?: string } };
}

interface DhlShipment {
  id: string;
  status?: DhlEvent;
  events?: DhlEvent[];
  estimatedTimeOfDelivery?: string;
  details?: {
    proofOfDelivery?: { signed?: { name?: string } | string };
    totalNumberOfPieces?: number;
  };
}

function toEvent(id: string, e: DhlEvent): TrackingEvent | null {
  if (!e.timestamp) return null;
  const { at, offset } = parseCarrierTime(e.timestamp);
  const text = [e.status, e.description].filter(Boolean).join(' — ');
  const address = e.location?.address;
  const locality = address?.addressLocality?.split(',').at(-1)?.trim();
  return {
    id,
    status: mapDhlStatus(e.statusCode, text),
    rawCode: e.statusCode ?? '',
    rawText: e.description ?? e.status ?? '',
    location: address
      ? { city: locality, postalCode: address.postalCode, country: address.countryCode }
      : undefined,
    occurredAt: at,
    utcOffsetMinutes: offset,
  };
}

/** Normalizes one DHL shipment (https://developer.dhl.com/api-reference/shipment-tracking). */
export function normalizeDhlShipment(trackingNumber: string, s: DhlShipment): CarrierResult {
  const raw = s.events ?? [];
  const ids = stableEventIds(
    `dhl:${trackingNumber}`,
    raw.map((e) => `${e.timestamp}:${e.statusCode ?? ''}:${e.description ?? e.status ?? ''}`),
  );
  const events = raw
    .map((e, i) => toEvent(ids[i] as string, e))
    .filter((e): e is TrackingEvent => e !== null);
  const latestText = [s.status?.status, s.status?.description].filter(Boolean).join(' ');
  const signed = s.details?.proofOfDelivery?.signed;
  return {
    trackingNumber,
    status: mapDhlStatus(s.status?.statusCode, latestText),
    events,
    eta: s.estimatedTimeOfDelivery
      ? { date: s.estimatedTimeOfDelivery.slice(0, 10), source: 'dhl' }
      : undefined,
    deliveredTo: typeof signed === 'string' ? signed : signed?.name,
    pieces: s.details?.totalNumberOfPieces,
  };
}

function outcomeFor(trackingNumber: string, answer: HttpAnswer): CarrierOutcome {
  if (answer.kind === 'error') return { ok: false, trackingNumber, error: answer.error };
  if (answer.status === 404)
    return {
      ok: false,
      trackingNumber,
      error: { kind: 'not_found', message: 'DHL has no shipment with this number' },
    };
  if (answer.status >= 400) {
    // RFC 7807 problem: `detail` says what DHL refused.
    const problem = answer.body as { title?: string; detail?: string } | null;
    return refusedOutcome(
      trackingNumber,
      `DHL refused the request (HTTP ${answer.status}): ${problem?.detail ?? problem?.title ?? 'no reason given'}`,
    );
  }
  const shipments = (answer.body as { shipments?: DhlShipment[] })?.shipments ?? [];
  const match = shipments.find((s) => s.id?.toUpperCase() === trackingNumber) ?? shipments[0];
  if (!match)
    return {
      ok: false,
      trackingNumber,
      error: { kind: 'not_found', message: 'DHL returned no shipment' },
    };
  return { ok: true, result: normalizeDhlShipment(trackingNumber, match) };
}

/** DHL Shipment Tracking – Unified API: one GET per number with the DHL-API-Key header. */
export class DhlCarrier implements CarrierAdapter {
  readonly code = 'dhl';
  readonly displayName = 'DHL';
  readonly limits: CarrierLimits;
  readonly enabled: boolean;
  readonly disabledReason?: string;

  constructor(private readonly options: DhlOptions) {
    // The free tier allows a few requests per second; batching is not offered by this API.
    this.limits = { batchSize: 1, concurrency: 2, requestsPerSecond: 3, ...options.limits };
    this.enabled = Boolean(options.apiKey);
    if (!this.enabled) this.disabledReason = 'DHL tracking is disabled: set DHL_API_KEY';
  }

  matches(n: string): boolean {
    return isDhlExpressNumber(n) || isDhlParcelNumber(n);
  }

  publicTrackingUrl(n: string): string {
    return `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${encodeURIComponent(n)}`;
  }

  track(trackingNumbers: string[]): Promise<CarrierOutcome[]> {
    return trackOneByOne(trackingNumbers, async (n) => {
      if (!this.options.apiKey) return disabledOutcome(n, this.disabledReason);
      const url = `${this.options.baseUrl}/track/shipments?trackingNumber=${encodeURIComponent(n)}`;
      const answer = await getJson(url, {
        'DHL-API-Key': this.options.apiKey,
        Accept: 'application/json',
      });
      return outcomeFor(n, answer);
    });
  }
}
