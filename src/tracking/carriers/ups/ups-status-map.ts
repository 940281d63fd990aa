import type { ShipmentStatus } from '../../domain/taxonomy';

/**
 * UPS Track API `activity[].status.type` codes (UPS Tracking API reference, "Activity Status
 * Type"), with `statusCode` values that refine them where UPS documents them.
 */
export const upsStatusTypes: Record<string, ShipmentStatus> = {
  M: 'pending', // billing information received / manifest
  MV: 'cancelled', // billing information voided
  P: 'in_transit', // pickup
  I: 'in_transit', // in transit
  O: 'out_for_delivery', // out for delivery
  X: 'exception', // exception
  D: 'delivered', // delivered
  DO: 'delivered', // delivered at origin
  DD: 'delivered', // delivered at destination
  RS: 'returned_to_sender', // returned to shipper
  W: 'in_transit', // warehousing
  NA: 'unknown', // not available
};

/** Status codes inside type X or I that mean something more specific. */
export const upsStatusCodes: Record<string, ShipmentStatus> = {
  '48': 'failed_attempt', // delivery attempted
  '2Q': 'available_for_pickup', // held at UPS Access Point for pickup
  ZP: 'available_for_pickup', // delivered to UPS Access Point
  '72': 'out_for_delivery', // loaded on delivery vehicle
  '21': 'failed_attempt', // receiver not available
  '5R': 'returned_to_sender', // returning to sender
};

export function mapUpsStatus(type: string | undefined, code: string | undefined): ShipmentStatus {
  // UPS pads numeric codes ("072"); the table holds them unpadded.
  const key = code?.replace(/^0+(?=.)/, '');
  if (key && upsStatusCodes[key] && type !== 'D') return upsStatusCodes[key] as ShipmentStatus;
  return upsStatusTypes[type ?? 'NA'] ?? 'unknown';
}
