import type { Milestone, ShipmentStatus } from './domain/taxonomy';
import type { DeliveryEstimate } from './estimate/delivery-estimate';

export interface EventLocation {
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** One carrier scan, normalized. */
export interface TrackingEvent {
  /** Stable identity for deduplication across polls and pushes. */
  id: string;
  status: ShipmentStatus;
  rawCode: string;
  rawText: string;
  reasonCode?: string;
  location?: EventLocation;
  /** The instant in UTC. */
  occurredAt: Date;
  /** Offset from UTC in minutes as the carrier gave it; null when the carrier gave none. */
  utcOffsetMinutes: number | null;
}

export type TrackingProblemKind =
  | 'carrier_disabled'
  | 'unknown_carrier'
  | 'not_found'
  | 'invalid_number'
  | 'carrier_auth'
  | 'cancelled';

export type StalledReason = 'no_scan' | 'slower_than_usual';

export interface EtaEstimate {
  date: string; // YYYY-MM-DD in the destination's calendar
  source: string; // e.g. 'carrier', 'carrier:revised'
  recordedAt: Date;
}

export interface Lease {
  owner: string;
  expiresAt: Date;
}

export interface Shipment {
  id: string;
  merchantId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  /** What rides in this parcel, when the store says (Shopify fulfilments). */
  items?: Array<{ name: string; quantity: number }>;
  status: ShipmentStatus;
  events: TrackingEvent[];
  eta: { original?: EtaEstimate; current?: EtaEstimate };
  /** Delivered details, e.g. signed-by, when the carrier gives them. */
  deliveredTo?: string;
  /** The carrier that really carries the parcel, when an aggregator reports it. */
  handledBy?: { name: string; trackingUrl?: string };
  /** Milestones already turned into notifications (the outbox's unique key is the real guard). */
  milestones: Array<{ milestone: Milestone; at: Date }>;
  lastCheckedAt?: Date;
  lastEventAt?: Date;
  /** The API request that created it. */
  requestId?: string;
  /** When the carrier should next be asked; null stops polling. */
  nextPollAt: Date | null;
  /** Why the shipment is not being polled, e.g. carrier disabled, not found. */
  trackingProblem?: string;
  /** Machine-readable kind of `trackingProblem`, so the API and the worker can act on it. */
  problemKind?: TrackingProblemKind;
  /** Set while in transit with no new scan for too long; cleared by the next scan. */
  stalledAt?: Date | null;
  /** Why it stalled: no scan for the configured days, or longer than its lane usually takes. */
  stalledReason?: StalledReason | null;
  /** The delivery window shown to guests: the carrier's date, else Porchlight's. */
  estimate?: DeliveryEstimate | null;
  consecutiveFailures: number;
  finalAt?: Date;
  lease: Lease | null;
  /** Fencing token: increases on every claim; completion writes must match it. */
  fence: number;
  createdAt: Date;
  updatedAt: Date;
}
