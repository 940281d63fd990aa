import type { CarrierAdapter, CarrierLimits, CarrierOutcome, CarrierResult } from '../../carrier';
import { isS10Number, isUspsImpbNumber } from '../../domain/tracking-number-formats';
import type { TrackingEvent } from '../../shipment';
import { disabledOutcome, refusedOutcome, trackOneByOne } from '../adapter-kit';
import { getJson } from '../http/get-json';
import { oauthClientFor, type OAuthClient } from '../http/oauth-client';
import { parseCarrierTime, parseUtcOffset, stableEventIds } from '../normalize';
import { mapUspsCategory, mapUspsEvent } from './usps-status-map';

export interface UspsOptions {
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** https://apis.usps.com (production) or https://apis-tem.usps.com (test environment). */
  baseUrl: string;
  limits?: Partial<CarrierLimits>;
}

interface UspsEvent {
  eventType?: string;
  /** Local wall time at the scan, although USPS writes it with a trailing `Z`. */
  eventTimestamp?: string;
  GMTTimestamp?: string;
  GMTOffset?: string;
  eventCountry?: string | null;
  eventCity?: string | null;
  eventState?: string | null;
  eventZIP?: string | null;
  name?: string | null;
  eventCode?: string;
}

interface UspsTracking {
  trackingNumber?: string;
  status?: string;
  statusCategory?: string;
  statusSummary?: string;
  expectedDeliveryTimeStamp?: string;
  guaranteedDeliveryTimeStamp?: string;
  /** An array in the API reference; the published example shows a single object. */
  trackingEvents?: UspsEvent[] | UspsEvent;
}

interface UspsError {
  error?: { code?: string; message?: string; errors?: Array<{ detail?: string; title?: string }> };
}

function eventTime(e: UspsEvent): { at: Date; offset: number | null } | null {
  const offset = parseUtcOffset(e.GMTOffset);
  // GMT either way: with or without a designator, parseCarrierTime reads it as UTC.
  if (e.GMTTimestamp && offset !== null) return { at: parseCarrierTime(e.GMTTimestamp).at, offset };
  // USPS's own example pairs "07:31:00Z" with "7:31 am ... in RICHMOND, VA": local, not UTC.
  if (e.eventTimestamp) return parseCarrierTime(e.eventTimestamp.replace(/Z$/, ''));
  return null;
}

/** Normalizes one USPS Tracking 3.0 answer (GET /tracking/v3/tracking/{trackingNumber}). */
export function normalizeUspsTracking(trackingNumber: string, t: UspsTracking): CarrierResult {
  const raw = Array.isArray(t.trackingEvents)
    ? t.trackingEvents
    : t.trackingEvents
      ? [t.trackingEvents]
      : [];
  const ids = stableEventIds(
    `usps:${trackingNumber}`,
    raw.map(
      (e) => `${e.eventTimestamp ?? e.GMTTimestamp}:${e.eventCode ?? ''}:${e.eventType ?? ''}`,
    ),
  );
  const category = mapUspsCategory(t.statusCategory);
  const timed = raw
    .map((e, i) => ({ e, id: ids[i] as string, time: eventTime(e) }))
    .filter((x): x is { e: UspsEvent; id: string; time: { at: Date; offset: number | null } } =>
      Boolean(x.time),
    );
  const newest = timed.reduce<(typeof timed)[number] | undefined>(
    (best, x) => (!best || x.time.at > best.time.at ? x : best),
    undefined,
  );
  const events = timed.map(({ e, id, time }): TrackingEvent => ({
    id,
    // An unfamiliar code takes the item's category only when it is the newest scan.
    status: mapUspsEvent(e.eventCode) ?? (newest?.id === id ? category : 'unknown'),
    rawCode: e.eventCode ?? '',
    rawText: e.eventType ?? '',
    location:
      e.eventCity || e.eventState || e.eventZIP
        ? {
            city: e.eventCity ?? undefined,
            region: e.eventState ?? undefined,
            postalCode: e.eventZIP ?? undefined,
            country: e.eventCountry || 'US',
          }
        : undefined,
    occurredAt: time.at,
    utcOffsetMinutes: time.offset,
  }));
  const eta = t.expectedDeliveryTimeStamp ?? t.guaranteedDeliveryTimeStamp;
  const newestStatus = events.find((e) => e.id === newest?.id)?.status;
  const deliveredBy = raw.find((e) => mapUspsEvent(e.eventCode) === 'delivered' && e.name)?.name;
  return {
    trackingNumber,
    status: category !== 'unknown' ? category : (newestStatus ?? 'unknown'),
    events,
    eta: eta ? { date: eta.slice(0, 10), source: 'usps' } : undefined,
    deliveredTo: deliveredBy ?? undefined,
  };
}

/** USPS Tracking 3.0 (apis.usps.com) with OAuth client credentials; one number per request. */
export class UspsCarrier implements CarrierAdapter {
  readonly code = 'usps';
  readonly displayName = 'USPS';
  readonly limits: CarrierLimits;
  readonly enabled: boolean;
  readonly disabledReason?: string;
  private readonly oauth: OAuthClient | null;

  constructor(private readonly options: UspsOptions) {
    // USPS grants new apps a small hourly quota by default; stay well under it.
    this.limits = { batchSize: 1, concurrency: 2, requestsPerSecond: 2, ...options.limits };
    this.oauth = oauthClientFor(options.clientId, options.clientSecret, {
      tokenUrl: `${options.baseUrl}/oauth2/v3/token`,
      sendCredentials: 'json',
    });
    this.enabled = this.oauth !== null;
    if (!this.enabled)
      this.disabledReason = 'USPS tracking is disabled: set USPS_CLIENT_ID and USPS_CLIENT_SECRET';
  }

  matches(n: string): boolean {
    return isUspsImpbNumber(n) || (isS10Number(n) && n.endsWith('US'));
  }

  publicTrackingUrl(n: string): string {
    return `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(n)}`;
  }

  track(trackingNumbers: string[]): Promise<CarrierOutcome[]> {
    return trackOneByOne(trackingNumbers, (n) => this.trackOne(n));
  }

  private async trackOne(n: string): Promise<CarrierOutcome> {
    if (!this.oauth) return disabledOutcome(n, this.disabledReason);
    const url = `${this.options.baseUrl}/tracking/v3/tracking/${encodeURIComponent(n)}?expand=DETAIL`;
    const answer = await this.oauth.withToken((token) =>
      getJson(url, { Authorization: `Bearer ${token}`, Accept: 'application/json' }),
    );
    if (answer.kind === 'error') return { ok: false, trackingNumber: n, error: answer.error };
    const problem = (answer.body as UspsError | null)?.error;
    const message =
      problem?.errors?.[0]?.detail ?? problem?.message ?? `USPS answered HTTP ${answer.status}`;
    if (answer.status === 404)
      return { ok: false, trackingNumber: n, error: { kind: 'not_found', message } };
    if (answer.status >= 400) return refusedOutcome(n, message);
    return { ok: true, result: normalizeUspsTracking(n, answer.body as UspsTracking) };
  }
}
