import type { ShipmentStatus } from '../../domain/taxonomy';

/**
 * FedEx Track API scan and derived status codes (FedEx Developer Portal, Track API, "Tracking
 * status codes"). Unlisted codes fall back to in transit only when FedEx calls them a scan.
 */
export const fedexStatusCodes: Record<string, ShipmentStatus> = {
  OC: 'pending', // shipment information sent to FedEx
  IN: 'pending', // initiated
  PU: 'in_transit', // picked up
  PX: 'in_transit', // picked up (see details)
  AR: 'in_transit', // arrived at FedEx location
  AF: 'in_transit', // at FedEx facility
  DP: 'in_transit', // departed FedEx location
  IT: 'in_transit', // in transit
  FD: 'in_transit', // at FedEx destination facility
  AO: 'in_transit', // shipment arriving on time
  OD: 'out_for_delivery', // on FedEx vehicle for delivery
  DL: 'delivered', // delivered
  HL: 'available_for_pickup', // at local FedEx facility, hold at location
  HP: 'available_for_pickup', // ready for recipient pickup
  DE: 'failed_attempt', // delivery exception (attempted)
  SE: 'exception', // shipment exception
  CD: 'exception', // clearance delay
  DY: 'exception', // delay
  DD: 'exception', // delivery delay
  RS: 'returned_to_sender', // returning to shipper
  RP: 'returned_to_sender', // return label link emailed / returned
  CA: 'cancelled', // shipment cancelled
  LO: 'in_transit', // left origin
  PM: 'in_transit', // in progress
  CH: 'in_transit', // location changed
};

export function mapFedexStatus(code: string | undefined): ShipmentStatus {
  return fedexStatusCodes[code ?? ''] ?? 'unknown';
}
