import type { ShipmentStatus } from '../../domain/taxonomy';

/** USPS Tracking 3.0 `statusCategory`, the summary USPS gives for the item as a whole. */
export const uspsStatusCategories: Record<string, ShipmentStatus> = {
  'Pre-Shipment': 'pending',
  Accepted: 'in_transit',
  'In Transit': 'in_transit',
  'Out for Delivery': 'out_for_delivery',
  'Available for Pickup': 'available_for_pickup',
  'Delivery Attempt': 'failed_attempt',
  Alert: 'exception',
  'Return to Sender': 'returned_to_sender',
  Delivered: 'delivered',
};

/**
 * USPS tracking `eventCode`s (the two-character event codes of USPS Tracking / IMpb scan
 * events), per event. An unlisted code gives the newest event the item's status category and
 * older events `unknown`, so an unfamiliar scan never moves a shipment on its own.
 */
export const uspsEventCodes: Record<string, ShipmentStatus> = {
  MA: 'pending', // pre-shipment info sent to USPS, USPS awaiting item
  GX: 'pending', // shipping label created
  '89': 'pending', // merchant order receipt notification, USPS awaiting item
  '03': 'in_transit', // USPS in possession of item / accepted
  OA: 'in_transit', // origin acceptance
  UA: 'in_transit', // accepted at USPS facility
  '80': 'in_transit', // picked up by shipping partner
  '81': 'in_transit', // arrived at shipping partner facility
  '82': 'in_transit', // departed shipping partner facility
  '10': 'in_transit', // processed through facility
  A1: 'in_transit', // arrived at USPS facility
  L1: 'in_transit', // departed USPS facility
  T1: 'in_transit', // in transit to next facility
  PC: 'in_transit', // sorting complete
  SF: 'in_transit', // departed post office
  '07': 'in_transit', // arrived at post office
  '06': 'in_transit', // forwarded
  OF: 'out_for_delivery', // out for delivery
  '01': 'delivered', // delivered
  '17': 'delivered', // picked up by agent
  '43': 'delivered', // picked up at the post office
  '02': 'failed_attempt', // notice left
  '51': 'failed_attempt', // business closed
  '52': 'failed_attempt', // notice left, receptacle full
  '53': 'failed_attempt', // receptacle blocked
  '54': 'failed_attempt', // receptacle full or item oversized
  '55': 'failed_attempt', // no secure location available
  '56': 'failed_attempt', // no authorized recipient available
  '14': 'available_for_pickup', // arrived at pickup point
  '16': 'available_for_pickup', // available for pickup
  '04': 'exception', // refused
  '05': 'exception', // undeliverable as addressed
  '08': 'exception', // missent
  '21': 'exception', // no such number
  '22': 'exception', // insufficient address
  '23': 'exception', // moved, left no address
  '24': 'exception', // forward expired
  '25': 'exception', // addressee unknown
  '26': 'exception', // vacant
  '27': 'exception', // unclaimed
  '28': 'exception', // deceased
  '44': 'exception', // customer recall
  '09': 'returned_to_sender', // return to sender
  '29': 'returned_to_sender', // return to sender, not picked up
};

export function mapUspsCategory(category: string | undefined): ShipmentStatus {
  return uspsStatusCategories[category?.trim() ?? ''] ?? 'unknown';
}

/** The status one event stands for, or undefined when USPS's code is not in the table. */
export function mapUspsEvent(code: string | undefined): ShipmentStatus | undefined {
  return uspsEventCodes[code?.trim().toUpperCase() ?? ''];
}
