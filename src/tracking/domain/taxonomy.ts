/** Every carrier's statuses normalize into this one set, used by models, API, templates and pages. */
export const shipmentStatuses = [
  'pending',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'failed_attempt',
  'exception',
  'delivered',
  'returned_to_sender',
  'cancelled',
  'expired',
  'unknown',
] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

/** Statuses after which a shipment is no longer polled. */
export const finalStatuses: readonly ShipmentStatus[] = [
  'delivered',
  'returned_to_sender',
  'cancelled',
  'expired',
];

export function isFinal(status: ShipmentStatus): boolean {
  return finalStatuses.includes(status);
}

/** Moments a guest may be told about. */
export const milestones = [
  'shipped',
  'out_for_delivery',
  'available_for_pickup',
  'failed_attempt',
  'exception',
  'delayed',
  'stalled',
  'delivered',
  'returned_to_sender',
] as const;
export type Milestone = (typeof milestones)[number];

/** The milestones a guest who chose "key milestones only" still hears about. */
export const keyMilestones: readonly Milestone[] = [
  'shipped',
  'out_for_delivery',
  'delivered',
  'exception',
  'failed_attempt',
  'returned_to_sender',
];

export const channels = ['email', 'sms'] as const;
export type Channel = (typeof channels)[number];
