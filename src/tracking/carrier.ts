import type { EtaEstimate, TrackingEvent } from './shipment';
import type { ShipmentStatus } from './domain/taxonomy';

/** What a carrier said about one tracking number, already normalized. */
export interface CarrierResult {
  trackingNumber: string;
  /** The carrier's current status, normalized (the diff decides what the shipment becomes). */
  status: ShipmentStatus;
  events: TrackingEvent[];
  /** Estimated delivery date (YYYY-MM-DD, destination calendar) when the carrier gives one. */
  eta?: Omit<EtaEstimate, 'recordedAt'>;
  /** Delivered details such as signed-by. */
  deliveredTo?: string;
  /** Pieces of a multi-piece shipment, when the carrier reports them. */
  pieces?: number;
  /** When an aggregator tracks the number: the carrier that really carries it, and its page. */
  handledBy?: HandledBy;
}

export interface HandledBy {
  name: string;
  trackingUrl?: string;
}

/** Typed failures; adapters never throw raw errors into the worker. */
export type CarrierErrorKind =
  'transient' | 'not_found' | 'invalid_number' | 'auth' | 'rate_limited';

export interface CarrierFailure {
  trackingNumber: string;
  error: { kind: CarrierErrorKind; message: string; retryAfterMs?: number };
}

export type CarrierOutcome = { ok: true; result: CarrierResult } | ({ ok: false } & CarrierFailure);

/** Limits that live with the adapter and bound how the worker calls it. */
export interface CarrierLimits {
  /** Most tracking numbers in one track() call. */
  batchSize: number;
  /** Most track() calls in flight at once from one worker. */
  concurrency: number;
  /** Most requests per second from all workers together (one carrier account). */
  requestsPerSecond: number;
}

/** A pushed update (carrier or aggregator webhook), verified and parsed by its adapter. */
export interface PushParseInput {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export interface CarrierAdapter {
  /** Stable code stored on shipments, e.g. 'ups', 'simulated'. */
  readonly code: string;
  readonly displayName: string;
  readonly limits: CarrierLimits;
  /** False when credentials are missing; `disabledReason` says why, in one line. */
  readonly enabled: boolean;
  readonly disabledReason?: string;
  /** Tracks a batch; one outcome per number, in any order. Never rejects. */
  track(trackingNumbers: string[], now: Date): Promise<CarrierOutcome[]>;
  /** Public tracking page for the guest. */
  publicTrackingUrl(trackingNumber: string): string | undefined;
  /** Whether this number looks like one of this carrier's (format and check digit). */
  matches?(trackingNumber: string): boolean;
  /**
   * Verifies and parses a pushed update. Returns null when the signature is missing or wrong
   * (the route answers 403 and changes nothing). Absent when the carrier does not push.
   */
  parsePush?(input: PushParseInput): CarrierResult[] | null;
}
