import type { ShipmentStatus } from '../../domain/taxonomy';

/** EasyPost Tracker and TrackingDetail `status` values (EasyPost API reference, "Tracker"). */
export const easypostStatuses: Record<string, ShipmentStatus> = {
  unknown: 'unknown',
  pre_transit: 'pending',
  in_transit: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  available_for_pickup: 'available_for_pickup',
  delivered: 'delivered',
  return_to_sender: 'returned_to_sender',
  failure: 'exception',
  cancelled: 'cancelled',
  error: 'unknown', // EasyPost could not get tracking from the carrier
};

/**
 * EasyPost `status_detail` values that say more than a non-final status does (a parcel "in
 * transit" whose detail is `arrived_at_pickup_location` is waiting for the guest). Details not
 * listed keep the status's meaning.
 */
export const easypostStatusDetails: Record<string, ShipmentStatus> = {
  address_correction: 'exception',
  arrived_at_destination: 'in_transit',
  arrived_at_facility: 'in_transit',
  arrived_at_pickup_location: 'available_for_pickup',
  awaiting_information: 'exception',
  cancelled: 'cancelled',
  damaged: 'exception',
  delayed: 'in_transit',
  delivery_exception: 'failed_attempt',
  departed_facility: 'in_transit',
  departed_origin_facility: 'in_transit',
  expired: 'unknown',
  failure: 'exception',
  held: 'exception',
  in_transit: 'in_transit',
  label_created: 'pending',
  lost: 'exception',
  missorted: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  received_at_destination_facility: 'in_transit',
  received_at_origin_facility: 'in_transit',
  refused: 'exception',
  return: 'returned_to_sender',
  status_update: 'in_transit',
  transferred_to_destination_carrier: 'in_transit',
  transit_exception: 'exception',
  unknown: 'unknown',
  weather_delay: 'in_transit',
};

/** Statuses whose detail may refine them; delivered, returned and cancelled stand as they are. */
const refinable: readonly ShipmentStatus[] = ['in_transit', 'exception', 'unknown'];

export function mapEasypostStatus(
  status: string | undefined,
  detail: string | undefined,
): ShipmentStatus {
  const base = easypostStatuses[status ?? 'unknown'] ?? 'unknown';
  const refined = detail ? easypostStatusDetails[detail] : undefined;
  return refined && refinable.includes(base) && refined !== 'unknown' ? refined : base;
}
