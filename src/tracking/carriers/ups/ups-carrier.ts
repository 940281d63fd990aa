import { randomUUID } from 'node:crypto';
import type { CarrierAdapter, CarrierLimits, CarrierOutcome, CarrierResult } from '../../carrier';
import { isUpsNumber } from '../../domain/tracking-number-formats';
import type { TrackingEvent } from '../../shipment';
import { disabledOutcome, refusedOutcome, trackOneByOne } from '../adapter-kit';
import { getJson } from '../http/get-json';
import { oauthClientFor, type OAuthClient } from '../http/oauth-client';
import { parseUtcOffset, stableEventIds } from '../normalize';
import { mapUpsStatus } from './ups-status-map';

export interface UpsOptions {
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** https://onlinetools.ups.com (production) or https://wwwcie.ups.com (sandbox). */
  baseUrl: string;
  limits?: Partial<CarrierLimits>;
}

interface UpsActivity {
  location?: {
    address?: { city?: string; stateProvince?: string; postalCode?: string; countryCode?: string };
  };
  status?: { type?: string; description?: string; code?: string; statusCode?: string };
  date?: string; // YYYYMMDD, local
  time?: string; // HHMMSS, local
  gmtDate?: string; // YYYYMMDD
  gmtTime?: string; // HH:MM:SS
  gmtOffset?: string; // -05:00
}

interface UpsPackage {
  trackingNumber?: string;
  activity?: UpsActivity[];
  deliveryDate?: Array<{ type?: string; date?: string }>;
  deliveryInformation?: { receivedBy?: string };
  packageCount?: number;
}

const ymd = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

function activityTime(a: UpsActivity): { at: Date; offset: number | null } | null {
  if (a.gmtDate && a.gmtTime) {
    const at = new Date(`${ymd(a.gmtDate)}T${a.gmtTime}Z`);
    return { at, offset: parseUtcOffset(a.gmtOffset) };
  }
  if (a.date && a.time)
    return {
      at: new Date(
        `${ymd(a.date)}T${a.time.slice(0, 2)}:${a.time.slice(2, 4)}:${a.time.slice(4, 6)}Z`,
      ),
      offset: null,
    };
  return null;
}

/** Normalizes one UPS package (UPS Track API, GET /api/track/v1/details/{inquiryNumber}). */
export function normalizeUpsPackage(trackingNumber: string, p: UpsPackage): CarrierResult {
  const activity = p.activity ?? [];
  const ids = stableEventIds(
    `ups:${trackingNumber}`,
    activity.map(
      (a) =>
        `${a.gmtDate ?? a.date}:${a.gmtTime ?? a.time}:${a.status?.statusCode ?? a.status?.code ?? ''}:${a.status?.description?.trim() ?? ''}`,
    ),
  );
  const events = activity
    .map((a, i): TrackingEvent | null => {
      const time = activityTime(a);
      if (!time) return null;
      const address = a.location?.address;
      return {
        id: ids[i] as string,
        status: mapUpsStatus(a.status?.type, a.status?.statusCode ?? a.status?.code),
        rawCode: `${a.status?.type ?? ''}${a.status?.statusCode ? `/${a.status.statusCode}` : ''}`,
        rawText: a.status?.description?.trim() ?? '',
        location: address
          ? {
              city: address.city,
              region: address.stateProvince,
              postalCode: address.postalCode,
              country: address.countryCode,
            }
          : undefined,
        occurredAt: time.at,
        utcOffsetMinutes: time.offset,
      };
    })
    .filter((e): e is TrackingEvent => e !== null);
  const newest = [...events].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())[0];
  const eta =
    p.deliveryDate?.find((d) => d.type === 'SDD' || d.type === 'RDD') ??
    p.deliveryDate?.find((d) => d.type !== 'DEL');
  return {
    trackingNumber,
    status: newest?.status ?? 'pending',
    events,
    eta: eta?.date ? { date: ymd(eta.date), source: 'ups' } : undefined,
    deliveredTo: p.deliveryInformation?.receivedBy || undefined,
    pieces: p.packageCount,
  };
}

/** UPS Track API with OAuth client credentials; one number per request. */
export class UpsCarrier implements CarrierAdapter {
  readonly code = 'ups';
  readonly displayName = 'UPS';
  readonly limits: CarrierLimits;
  readonly enabled: boolean;
  readonly disabledReason?: string;
  private readonly oauth: OAuthClient | null;

  constructor(private readonly options: UpsOptions) {
    this.limits = { batchSize: 1, concurrency: 4, requestsPerSecond: 5, ...options.limits };
    this.oauth = oauthClientFor(options.clientId, options.clientSecret, {
      tokenUrl: `${options.baseUrl}/security/v1/oauth/token`,
    });
    this.enabled = this.oauth !== null;
    if (!this.enabled)
      this.disabledReason = 'UPS tracking is disabled: set UPS_CLIENT_ID and UPS_CLIENT_SECRET';
  }

  matches(n: string): boolean {
    return isUpsNumber(n);
  }

  publicTrackingUrl(n: string): string {
    return `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`;
  }

  track(trackingNumbers: string[]): Promise<CarrierOutcome[]> {
    return trackOneByOne(trackingNumbers, (n) => this.trackOne(n));
  }

  private async trackOne(n: string): Promise<CarrierOutcome> {
    if (!this.oauth) return disabledOutcome(n, this.disabledReason);
    const url = `${this.options.baseUrl}/api/track/v1/details/${encodeURIComponent(n)}?locale=en_US&returnSignature=false`;
    const answer = await this.oauth.withToken((token) =>
      getJson(url, {
        Authorization: `Bearer ${token}`,
        transId: randomUUID(),
        transactionSrc: 'porchlight',
        Accept: 'application/json',
      }),
    );
    if (answer.kind === 'error') return { ok: false, trackingNumber: n, error: answer.error };
    const body = answer.body as {
      trackResponse?: {
        shipment?: Array<{
          package?: UpsPackage[];
          warnings?: Array<{ code?: string; message?: string }>;
        }>;
      };
      response?: { errors?: Array<{ code?: string; message?: string }> };
    };
    const errors = body?.response?.errors ?? [];
    if (answer.status === 404 || errors.some((e) => /not found/i.test(e.message ?? '')))
      return {
        ok: false,
        trackingNumber: n,
        error: { kind: 'not_found', message: 'UPS has no tracking information for this number' },
      };
    if (answer.status >= 400)
      return refusedOutcome(
        n,
        `UPS refused the request (HTTP ${answer.status}): ${errors[0]?.message ?? 'no reason given'}`,
      );
    const shipment = body?.trackResponse?.shipment?.[0];
    const pkg = shipment?.package?.find((p) => p.trackingNumber === n) ?? shipment?.package?.[0];
    if (!pkg)
      return {
        ok: false,
        trackingNumber: n,
        error: {
          kind: 'not_found',
          message: shipment?.warnings?.[0]?.message ?? 'UPS returned no package',
        },
      };
    return { ok: true, result: normalizeUpsPackage(n, pkg) };
  }
}
