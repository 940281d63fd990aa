import type {
  CarrierAdapter,
  CarrierFailure,
  CarrierLimits,
  CarrierOutcome,
  CarrierResult,
} from '../../carrier';
import { isFedexExpressNumber, isFedexGroundNumber } from '../../domain/tracking-number-formats';
import type { TrackingEvent } from '../../shipment';
import { parseCarrierTime, stableEventIds } from '../normalize';
import { disabledOutcome, trackOneByOne } from '../adapter-kit';
import { oauthClientFor, type OAuthClient } from '../http/oauth-client';
import { postCarrierJson } from '../http/post-json';
import { mapFedexStatus } from './fedex-status-map';

export interface FedexOptions {
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** https://apis.fedex.com (production) or https://apis-sandbox.fedex.com (sandbox). */
  baseUrl: string;
  limits?: Partial<CarrierLimits>;
}

interface FedexScan {
  date?: string;
  eventType?: string;
  derivedStatusCode?: string;
  eventDescription?: string;
  exceptionCode?: string;
  exceptionDescription?: string;
  scanLocation?: {
    city?: string;
    stateOrProvinceCode?: string;
    postalCode?: string;
    countryCode?: string;
  };
}

interface FedexTrackResult {
  trackingNumberInfo?: { trackingNumber?: string };
  latestStatusDetail?: { code?: string; derivedCode?: string; description?: string };
  dateAndTimes?: Array<{ type?: string; dateTime?: string }>;
  scanEvents?: FedexScan[];
  deliveryDetails?: { receivedByName?: string };
  packageDetails?: { count?: string | number };
  error?: { code?: string; message?: string };
}

/** Normalizes one FedEx track result (Track API, POST /track/v1/trackingnumbers). */
export function normalizeFedexResult(trackingNumber: string, r: FedexTrackResult): CarrierResult {
  const scans = r.scanEvents ?? [];
  const ids = stableEventIds(
    `fedex:${trackingNumber}`,
    scans.map((s) => `${s.date}:${s.eventType ?? ''}:${s.eventDescription ?? ''}`),
  );
  const events = scans
    .map((s, i): TrackingEvent | null => {
      if (!s.date) return null;
      const { at, offset } = parseCarrierTime(s.date);
      return {
        id: ids[i] as string,
        status: mapFedexStatus(s.eventType || s.derivedStatusCode),
        rawCode: s.eventType ?? '',
        rawText: s.eventDescription ?? '',
        reasonCode: s.exceptionCode || undefined,
        location: s.scanLocation
          ? {
              city: s.scanLocation.city,
              region: s.scanLocation.stateOrProvinceCode,
              postalCode: s.scanLocation.postalCode,
              country: s.scanLocation.countryCode,
            }
          : undefined,
        occurredAt: at,
        utcOffsetMinutes: offset,
      };
    })
    .filter((e): e is TrackingEvent => e !== null);
  const estimate = r.dateAndTimes?.find((d) => d.type === 'ESTIMATED_DELIVERY')?.dateTime;
  const count = Number(r.packageDetails?.count);
  return {
    trackingNumber,
    status: mapFedexStatus(r.latestStatusDetail?.derivedCode ?? r.latestStatusDetail?.code),
    events,
    eta: estimate ? { date: estimate.slice(0, 10), source: 'fedex' } : undefined,
    deliveredTo: r.deliveryDetails?.receivedByName || undefined,
    pieces: Number.isFinite(count) && count > 0 ? count : undefined,
  };
}

function outcomeOf(trackingNumber: string, r: FedexTrackResult | undefined): CarrierOutcome {
  if (!r)
    return {
      ok: false,
      trackingNumber,
      error: { kind: 'transient', message: 'FedEx returned no result for this number' },
    };
  if (r.error?.code) {
    const kind = /NOTFOUND/i.test(r.error.code)
      ? 'not_found'
      : /INVALID/i.test(r.error.code)
        ? 'invalid_number'
        : 'transient';
    return { ok: false, trackingNumber, error: { kind, message: r.error.message ?? r.error.code } };
  }
  return { ok: true, result: normalizeFedexResult(trackingNumber, r) };
}

/** FedEx Track API with OAuth client credentials; up to 30 numbers per request. */
export class FedexCarrier implements CarrierAdapter {
  readonly code = 'fedex';
  readonly displayName = 'FedEx';
  readonly limits: CarrierLimits;
  readonly enabled: boolean;
  readonly disabledReason?: string;
  private readonly oauth: OAuthClient | null;

  constructor(private readonly options: FedexOptions) {
    this.limits = { batchSize: 30, concurrency: 2, requestsPerSecond: 5, ...options.limits };
    this.oauth = oauthClientFor(options.clientId, options.clientSecret, {
      tokenUrl: `${options.baseUrl}/oauth/token`,
      sendCredentials: 'form',
    });
    this.enabled = this.oauth !== null;
    if (!this.enabled)
      this.disabledReason =
        'FedEx tracking is disabled: set FEDEX_CLIENT_ID and FEDEX_CLIENT_SECRET';
  }

  matches(n: string): boolean {
    return isFedexExpressNumber(n) || isFedexGroundNumber(n);
  }

  publicTrackingUrl(n: string): string {
    return `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`;
  }

  async track(trackingNumbers: string[]): Promise<CarrierOutcome[]> {
    const outcomes: CarrierOutcome[] = [];
    for (let i = 0; i < trackingNumbers.length; i += 30)
      outcomes.push(...(await this.trackBatch(trackingNumbers.slice(i, i + 30))));
    return outcomes;
  }

  private async trackBatch(numbers: string[]): Promise<CarrierOutcome[]> {
    const failAll = (error: CarrierFailure['error']) =>
      numbers.map((trackingNumber): CarrierOutcome => ({ ok: false, trackingNumber, error }));
    if (!this.oauth) return numbers.map((n) => disabledOutcome(n, this.disabledReason));
    const body = {
      includeDetailedScans: true,
      trackingInfo: numbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })),
    };
    const answer = await this.oauth.withToken((token) =>
      postCarrierJson(`${this.options.baseUrl}/track/v1/trackingnumbers`, body, {
        Authorization: `Bearer ${token}`,
        'X-locale': 'en_US',
      }),
    );
    if (answer.kind === 'error') return failAll(answer.error);
    if (answer.status >= 400) {
      const problem = (answer.body as { errors?: Array<{ code?: string; message?: string }> })
        ?.errors?.[0];
      const message = `FedEx refused the request (HTTP ${answer.status}${problem?.code ? ` ${problem.code}` : ''}): ${problem?.message ?? 'no reason given'}`;
      // A refusal about the numbers names no number: one bad number must not stop tracking
      // of the other 29, so a batch is asked again number by number.
      if (/TRACKINGNUMBER/i.test(problem?.code ?? ''))
        return numbers.length > 1
          ? trackOneByOne(numbers, async (n) => (await this.trackBatch([n]))[0] as CarrierOutcome)
          : failAll({ kind: 'invalid_number', message });
      // Anything else (a changed API, a bad field) is ours to fix, not the numbers': retry later.
      return failAll({ kind: 'transient', message });
    }
    const results =
      (
        answer.body as {
          output?: {
            completeTrackResults?: Array<{
              trackingNumber?: string;
              trackResults?: FedexTrackResult[];
            }>;
          };
        }
      )?.output?.completeTrackResults ?? [];
    return numbers.map((n) =>
      outcomeOf(n, results.find((r) => r.trackingNumber === n)?.trackResults?.[0]),
    );
  }
}
