import type { GuestPageText } from '../../../i18n/guest-page-text';
import type { ShipmentStatus } from '../../../tracking/domain/taxonomy';
import type { ShipmentView } from '../status-view.schema';

type StepKey = ShipmentView['progress']['steps'][number]['key'];

/** How far each status proves the parcel got; exceptions and the like prove nothing new. */
const reachedBy: Partial<Record<ShipmentStatus, number>> = {
  pending: 0,
  in_transit: 1,
  out_for_delivery: 2,
  failed_attempt: 2,
  available_for_pickup: 2,
  delivered: 3,
  returned_to_sender: 1,
  exception: 1,
};

/** Four steps; a parcel that went to a pickup point shows that step instead of the van. */
export function deliveryProgress(
  status: ShipmentStatus,
  eventStatuses: ShipmentStatus[],
  text: GuestPageText,
): ShipmentView['progress'] {
  const seen = [status, ...eventStatuses];
  const pickup = seen.includes('available_for_pickup');
  const keys: StepKey[] = ['ordered', 'shipped', pickup ? 'pickup' : 'outForDelivery', 'delivered'];
  const reached = Math.max(0, ...seen.map((s) => reachedBy[s] ?? 0));
  const delivered = status === 'delivered';
  const steps = keys.map((key, i) => ({
    key,
    label: text.steps[key],
    state:
      i < reached || (i === reached && delivered)
        ? ('done' as const)
        : i === reached
          ? ('current' as const)
          : ('upcoming' as const),
  }));
  const current = steps[reached]?.label ?? '';
  return {
    step: reached + 1,
    total: steps.length,
    text: text.progressValue(reached + 1, steps.length, current),
    steps,
  };
}
