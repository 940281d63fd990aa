import type { ShipmentStatus } from '../../domain/taxonomy';

/**
 * UPS Track API `activity[].status.type` codes (UPS Tracking API reference, "Activity Status
 * Type").
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

/**
 * `activity[].status.statusCode`: UPS's three-digit status codes, where they say more than the
 * type does (an "I" scan with 021 is the parcel leaving on the van; an "X" with 022 is a missed
 * delivery). Codes not listed keep the type's meaning.
 */
export const upsStatusCodes: Record<string, ShipmentStatus> = {
  '017': 'available_for_pickup', // held for customer pickup
  '021': 'out_for_delivery', // out for delivery today
  '022': 'failed_attempt', // first delivery attempt made
  '023': 'failed_attempt', // second delivery attempt made
  '024': 'failed_attempt', // final delivery attempt made
  '034': 'returned_to_sender', // returned to sender
  '043': 'failed_attempt', // delivery attempted
  '045': 'available_for_pickup', // held for customer pickup
  '047': 'available_for_pickup', // delivered to a UPS Access Point, awaiting pickup
  '071': 'out_for_delivery', // loaded on delivery vehicle
  '072': 'out_for_delivery', // loaded on delivery vehicle
};

/**
 * The status of one UPS activity: its three-digit status code when listed, else its type. A
 * delivered type stands as it is (a late refinement never un-delivers a parcel).
 */
export function mapUpsStatus(type: string | undefined, code: string | undefined): ShipmentStatus {
  const byType = upsStatusTypes[type ?? 'NA'] ?? 'unknown';
  if (byType === 'delivered') return byType;
  // Some answers drop the leading zeros ("21" for "021").
  const key = code && /^\d{1,3}$/.test(code) ? code.padStart(3, '0') : code;
  return (key && upsStatusCodes[key]) || byType;
}
