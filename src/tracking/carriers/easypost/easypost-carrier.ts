import { createHmac } from 'node:crypto';
import { sameSecret } from '../../../shared/same-secret';
import type {
  CarrierAdapter,
  CarrierLimits,
  CarrierOutcome,
  CarrierResult,
  PushParseInput,
} from '../../carrier';
import { normalizeTrackingNumber } from '../../domain/tracking-number-formats';
import type { TrackingEvent } from '../../shipment';
import { disabledOutcome, refusedOutcome, trackOneByOne } from '../adapter-kit';
import { postCarrierJson } from '../http/post-json';
import { parseJsonBody } from '../../push/push-body';
import { parseCarrierTime, stableEventIds } from '../normalize';
import { mapEasypostStatus } from './easypost-status-map';

export interface EasyPostOptions {
  apiKey: string | undefined;
  /** The webhook's `webhook_secret`; without it pushes are refused. */
  webhookSecret: string | undefined;
  /** https://api.easypost.com for both modes: the key (test or production) selects the mode. */
  baseUrl: string;
  limits?: Partial<CarrierLimits>;
}

interface EasyPostLocation {
  city?: string | null;
  state?: string | null;
  country?: string | null;
  zip?: string | null;
}

interface EasyPostDetail {
  message?: string | null;
  description?: string | null;
  status?: string;
  status_detail?: string;
  datetime?: string;
  source?: string;
  tracking_location?: EasyPostLocation | null;
}

export interface EasyPostTracker {
  object?: string;
  tracking_code?: string;
  status?: string;
  status_detail?: string;
  signed_by?: string | null;
  est_delivery_date?: string | null;
  carrier?: string | null;
  /** EasyPost's public tracking page for this tracker. */
  public_url?: string | null;
  tracking_details?: EasyPostDetail[];
  carrier_detail?: { est_delivery_date_local?: string | null } | null;
}

const signatureHeader = 'x-hmac-signature';

/** EasyPost's webhook signature: `hmac-sha256-hex=` + hex HMAC-SHA256 of the raw body, NFKD key. */
export function signEasypostBody(secret: string, rawBody: Buffer | string): string {
  const key = Buffer.from(secret.normalize('NFKD'), 'utf8');
  return `hmac-sha256-hex=${createHmac('sha256', key).update(rawBody).digest('hex')}`;
}

/** Normalizes one EasyPost Tracker (POST /v2/trackers answer, or a webhook Event's `result`). */
export function normalizeEasypostTracker(
  trackingNumber: string,
  t: EasyPostTracker,
): CarrierResult {
  const details = t.tracking_details ?? [];
  const ids = stableEventIds(
    `easypost:${trackingNumber}`,
    details.map(
      (d) => `${d.datetime}:${d.status ?? ''}:${d.status_detail ?? ''}:${d.message ?? ''}`,
    ),
  );
  const events = details
    .map((d, i): TrackingEvent | null => {
      if (!d.datetime) return null;
      const { at, offset } = parseCarrierTime(d.datetime);
      const place = d.tracking_location;
      return {
        id: ids[i] as string,
        status: mapEasypostStatus(d.status, d.status_detail),
        rawCode: [d.status, d.status_detail].filter(Boolean).join('/'),
        rawText: d.message?.trim() || d.description?.trim() || '',
        location:
          place && (place.city || place.state || place.zip || place.country)
            ? {
                city: place.city ?? undefined,
                region: place.state ?? undefined,
                postalCode: place.zip ?? undefined,
                country: place.country ?? undefined,
              }
            : undefined,
        occurredAt: at,
        utcOffsetMinutes: offset,
      };
    })
    .filter((e): e is TrackingEvent => e !== null);
  const eta = t.carrier_detail?.est_delivery_date_local ?? t.est_delivery_date?.slice(0, 10);
  return {
    trackingNumber,
    status: mapEasypostStatus(t.status, t.status_detail),
    events,
    eta: eta ? { date: eta.slice(0, 10), source: 'easypost' } : undefined,
    deliveredTo: t.signed_by || undefined,
    handledBy: t.carrier ? { name: t.carrier, trackingUrl: t.public_url ?? undefined } : undefined,
  };
}

/**
 * EasyPost trackers: the aggregator that takes every number no single carrier claims. Polling
 * creates the tracker, which EasyPost deduplicates (same code and carrier within three months
 * returns the original), so one POST both registers and reads. EasyPost also pushes
 * `tracker.updated` Events to POST /webhooks/carriers/easypost, verified by `parsePush`.
 */
export class EasyPostCarrier implements CarrierAdapter {
  readonly code = 'easypost';
  readonly displayName = 'EasyPost';
  readonly limits: CarrierLimits;
  readonly enabled: boolean;
  readonly disabledReason?: string;

  constructor(private readonly options: EasyPostOptions) {
    this.limits = { batchSize: 1, concurrency: 4, requestsPerSecond: 5, ...options.limits };
    this.enabled = Boolean(options.apiKey);
    if (!this.enabled)
      this.disabledReason =
        'EasyPost tracking is disabled: set EASYPOST_API_KEY (numbers no carrier claims are rejected)';
  }

  publicTrackingUrl(): undefined {
    return undefined;
  }

  track(trackingNumbers: string[]): Promise<CarrierOutcome[]> {
    return trackOneByOne(trackingNumbers, (n) => this.trackOne(n));
  }

  private async trackOne(n: string): Promise<CarrierOutcome> {
    if (!this.options.apiKey) return disabledOutcome(n, this.disabledReason);
    const answer = await postCarrierJson(
      `${this.options.baseUrl}/v2/trackers`,
      { tracker: { tracking_code: n } },
      {
        Authorization: `Basic ${Buffer.from(`${this.options.apiKey}:`).toString('base64')}`,
        Accept: 'application/json',
      },
    );
    if (answer.kind === 'error') return { ok: false, trackingNumber: n, error: answer.error };
    const body = answer.body as (EasyPostTracker & { error?: { message?: string } }) | null;
    const message = body?.error?.message ?? `EasyPost answered HTTP ${answer.status}`;
    if (answer.status === 404)
      return { ok: false, trackingNumber: n, error: { kind: 'not_found', message } };
    if (answer.status >= 400) return refusedOutcome(n, message);
    if (body?.object !== 'Tracker')
      return {
        ok: false,
        trackingNumber: n,
        error: { kind: 'transient', message: 'EasyPost answered without a Tracker' },
      };
    return { ok: true, result: normalizeEasypostTracker(n, body) };
  }

  /** Verifies EasyPost's X-Hmac-Signature and reads tracker Events; other Events are ignored. */
  parsePush({ rawBody, headers }: PushParseInput): CarrierResult[] | null {
    const secret = this.options.webhookSecret;
    const given = headers[signatureHeader];
    if (!secret || typeof given !== 'string') return null;
    if (!sameSecret(signEasypostBody(secret, rawBody), given.trim().toLowerCase())) return null;
    const event = parseJsonBody(rawBody) as {
      object?: string;
      description?: string;
      result?: EasyPostTracker;
    } | null;
    const tracker = event?.result;
    if (
      event?.object !== 'Event' ||
      !event.description?.startsWith('tracker.') ||
      tracker?.object !== 'Tracker' ||
      !tracker.tracking_code
    )
      return [];
    return [normalizeEasypostTracker(normalizeTrackingNumber(tracker.tracking_code), tracker)];
  }
}
