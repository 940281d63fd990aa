import type { CarrierResult } from '../../../src/tracking/carrier';
import type { ShipmentState, TrackingPolicy } from '../../../src/tracking/domain/plan-update';
import type { ShipmentStatus } from '../../../src/tracking/domain/taxonomy';
import type { TrackingEvent } from '../../../src/tracking/shipment';

export const policy: TrackingPolicy = {
  intervalsMs: {
    pending: 4 * 3600_000,
    in_transit: 5400_000,
    out_for_delivery: 900_000,
    available_for_pickup: 4 * 3600_000,
    failed_attempt: 3600_000,
    exception: 3600_000,
    delivered: 0,
    returned_to_sender: 0,
    cancelled: 0,
    expired: 0,
    unknown: 4 * 3600_000,
  },
  jitter: 0.2,
  backoffBaseMs: 60_000,
  backoffMaxMs: 3600_000,
  expireAfterDays: 30,
  stalledBusinessDays: 3,
};

export function event(id: string, status: ShipmentStatus, at: string): TrackingEvent {
  return {
    id,
    status,
    rawCode: status.toUpperCase(),
    rawText: status,
    occurredAt: new Date(at),
    utcOffsetMinutes: 0,
  };
}

export function result(events: TrackingEvent[], extra: Partial<CarrierResult> = {}): CarrierResult {
  const latest = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()).at(-1);
  return { trackingNumber: 'T1', status: latest?.status ?? 'pending', events, ...extra };
}

export function freshShipment(createdAt = new Date('2026-03-02T08:00:00Z')): ShipmentState {
  return {
    status: 'pending',
    events: [],
    eta: {},
    milestones: [],
    consecutiveFailures: 0,
    stalledAt: null,
    createdAt,
  };
}
