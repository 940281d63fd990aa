import type { AdviceKind, GuestPageText } from '../../../i18n/guest-page-text';
import { isFinal } from '../../../tracking/domain/taxonomy';
import type { Shipment } from '../../../tracking/shipment';
import type { AdviceView } from '../status-view.schema';

const explainedStatuses: AdviceKind[] = [
  'exception',
  'failed_attempt',
  'available_for_pickup',
  'returned_to_sender',
  'cancelled',
  'expired',
  'unknown',
];

/** A later revised date than the original one means the parcel runs late. */
export function isDelayed(shipment: Shipment): boolean {
  const original = shipment.eta?.original?.date;
  const current = shipment.eta?.current?.date;
  return Boolean(original && current && current > original);
}

/** Stalled counts only while no scan came after the stall was noticed. */
function isStalled(shipment: Shipment): boolean {
  const stall = (shipment.milestones ?? []).filter((m) => m.milestone === 'stalled').at(-1);
  if (!stall || shipment.status !== 'in_transit') return false;
  return !shipment.lastEventAt || shipment.lastEventAt.getTime() <= new Date(stall.at).getTime();
}

/** What happened, in plain words, with what the guest can do: most pressing first. */
export function shipmentAdvice(shipment: Shipment, text: GuestPageText): AdviceView[] {
  const kinds: AdviceKind[] = [];
  const status = shipment.status as AdviceKind;
  if (explainedStatuses.includes(status)) kinds.push(status);
  const final = isFinal(shipment.status);
  if (!final && isDelayed(shipment)) kinds.push('delayed');
  if (isStalled(shipment))
    kinds.push(shipment.stalledReason === 'slower_than_usual' ? 'slower_than_usual' : 'stalled');
  if (!final && shipment.trackingProblem) kinds.push('tracking_problem');
  return kinds.map((kind) => ({ kind, ...text.advice[kind] }));
}
