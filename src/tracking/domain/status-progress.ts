import type { Milestone, ShipmentStatus } from './taxonomy';

/**
 * Where a status sits along the journey. Sideways statuses (exception, failed_attempt) have no
 * place: they can happen at any point and are left again without going backwards.
 */
const progressRank: Partial<Record<ShipmentStatus, number>> = {
  pending: 0,
  in_transit: 1,
  out_for_delivery: 2,
  available_for_pickup: 3,
  delivered: 4,
  returned_to_sender: 4,
  cancelled: 4,
};

export const sidewaysStatuses: readonly ShipmentStatus[] = ['exception', 'failed_attempt'];

export function isSideways(status: ShipmentStatus): boolean {
  return sidewaysStatuses.includes(status);
}

/** The journey rank of a forward status; undefined for sideways statuses and `unknown`. */
export function rankOf(status: ShipmentStatus): number | undefined {
  return progressRank[status];
}

/** The milestone a guest hears about when the shipment enters `status`, if any. */
export function milestoneForStatus(status: ShipmentStatus): Milestone | undefined {
  switch (status) {
    case 'out_for_delivery':
    case 'available_for_pickup':
    case 'failed_attempt':
    case 'exception':
    case 'delivered':
    case 'returned_to_sender':
      return status;
    default:
      return undefined;
  }
}

/** Most significant first: when one poll brings several, the guest hears about the first. */
export const milestoneSignificance: readonly Milestone[] = [
  'delivered',
  'returned_to_sender',
  'available_for_pickup',
  'failed_attempt',
  'out_for_delivery',
  'exception',
  'delayed',
  'shipped',
  'stalled',
];

export function mostSignificant(found: readonly Milestone[]): Milestone | undefined {
  return milestoneSignificance.find((m) => found.includes(m));
}
