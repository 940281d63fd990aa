import type { ShipmentStatus } from '../../domain/taxonomy';

/**
 * DHL Shipment Tracking – Unified API `statusCode` values (developer.dhl.com, "Shipment Tracking -
 * Unified", schema `supermodelIoLogisticsTrackingShipmentEvent`). The coarse code is refined by
 * words in the event's `status`/`description`, since DHL reports pickup points, failed attempts
 * and returns inside `transit` and `failure`.
 */
export const dhlStatusCodes: Record<string, ShipmentStatus> = {
  'pre-transit': 'pending',
  transit: 'in_transit',
  delivered: 'delivered',
  failure: 'exception',
  unknown: 'unknown',
};

const refinements: Array<[RegExp, ShipmentStatus]> = [
  [
    /out for delivery|with delivery courier|loaded onto the delivery vehicle|in zustellung|in das zustellfahrzeug geladen/i,
    'out_for_delivery',
  ],
  [
    /ready for (pick ?up|collection)|available for pick ?up|parcel ?shop|packstation|service ?point|zur abholung/i,
    'available_for_pickup',
  ],
  [
    /returned to (the )?(shipper|sender)|return(ed)? shipment|rücksendung|zurück an absender/i,
    'returned_to_sender',
  ],
  [
    /delivery attempt|not (at home|available)|recipient absent|could not be delivered|zustellversuch/i,
    'failed_attempt',
  ],
];

/** Our status for a DHL event. */
export function mapDhlStatus(statusCode: string | undefined, text: string): ShipmentStatus {
  const base = dhlStatusCodes[statusCode ?? 'unknown'] ?? 'unknown';
  if (base === 'delivered' || base === 'pending') return base;
  for (const [pattern, status] of refinements) if (pattern.test(text)) return status;
  return base;
}
