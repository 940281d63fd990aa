import type { MerchantPreferences } from '../../merchants/merchant';
import type { Order } from '../../orders/order';
import {
  keyMilestones,
  type Channel,
  type Milestone,
  type ShipmentStatus,
} from '../../tracking/domain/taxonomy';
import { localMinuteOfDay, quietHoursEnd } from './quiet-hours';

export type PolicyDecision =
  | { action: 'send' }
  | { action: 'skip'; reason: string; detail?: string }
  | { action: 'defer'; until: Date; reason: 'quiet_hours' | 'daily_cap'; detail?: string };

export interface PolicyInput {
  milestone: Milestone | 'order_confirmation';
  channel: Channel;
  order: Pick<Order, 'guest' | 'erasedAt' | 'cancelledAt'>;
  preferences: Pick<
    MerchantPreferences,
    'matrix' | 'quietHours' | 'smsRequiresConsent' | 'maxMessagesPerShipmentPerDay' | 'timezone'
  >;
  /** Current status of each shipment the message is about. */
  shipmentStatuses: ShipmentStatus[];
  /** The address is suppressed (STOP, unsubscribe, bounce, spam report), with its reason. */
  suppression: string | null;
  /** Messages already sent on this channel in the last day for these shipments. */
  sentToday: number;
  now: Date;
}

/** Milestones that no longer make sense once every shipment is delivered. */
const supersededByDelivery: ReadonlyArray<Milestone | 'order_confirmation'> = [
  'shipped',
  'out_for_delivery',
  'available_for_pickup',
  'failed_attempt',
  'delayed',
  'stalled',
  'exception',
];

/**
 * What the guest most needs to hear: the parcel arrived, waits for them, missed them or is in
 * trouble. The daily cap never holds these back.
 */
export const neverCapped: ReadonlyArray<Milestone | 'order_confirmation'> = [
  'delivered',
  'available_for_pickup',
  'failed_attempt',
  'exception',
];

/** Capped messages wait for the guest's next morning, when the day's count has moved on. */
const capResumes = { start: '00:00', end: '08:00' };

/** The next instant the guest's clock reads 08:00 (today's if it is not yet 08:00). */
function nextMorning(now: Date, timeZone: string): Date {
  const minute = localMinuteOfDay(now, timeZone);
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return (
    quietHoursEnd(
      now,
      { start: minute < 480 ? capResumes.start : hhmm, end: capResumes.end },
      timeZone,
    ) ?? new Date(now.getTime() + 86_400_000)
  );
}

/**
 * Decides, just before sending, whether a message goes now, later or never. Checks run from
 * the most to the least permanent reason, so the recorded reason is the one that matters.
 */
export function decideSend(input: PolicyInput): PolicyDecision {
  const { order, preferences, channel, milestone } = input;
  const guest = order.guest;
  if (order.erasedAt) return { action: 'skip', reason: 'order_erased' };
  if (order.cancelledAt) return { action: 'skip', reason: 'order_cancelled' };
  if (milestone !== 'order_confirmation' && !preferences.matrix[milestone]?.[channel]) {
    return { action: 'skip', reason: 'merchant_preferences' };
  }
  if (guest.preferences.stopped) return { action: 'skip', reason: 'guest_stopped' };
  if (!guest.preferences.channels[channel]) return { action: 'skip', reason: 'guest_channel_off' };
  if (
    guest.preferences.level === 'key' &&
    milestone !== 'order_confirmation' &&
    !keyMilestones.includes(milestone)
  ) {
    return { action: 'skip', reason: 'guest_key_milestones_only' };
  }
  if (channel === 'sms' && preferences.smsRequiresConsent && !guest.consent.sms.granted) {
    return { action: 'skip', reason: 'no_sms_consent' };
  }
  if (input.suppression) return { action: 'skip', reason: 'suppressed', detail: input.suppression };
  const allDelivered =
    input.shipmentStatuses.length > 0 && input.shipmentStatuses.every((s) => s === 'delivered');
  if (allDelivered && supersededByDelivery.includes(milestone)) {
    return {
      action: 'skip',
      reason: 'stale',
      detail: 'the shipment was delivered before this could be sent',
    };
  }
  const timeZone = guest.timezone || preferences.timezone || 'UTC';
  if (
    input.sentToday >= preferences.maxMessagesPerShipmentPerDay &&
    !neverCapped.includes(milestone)
  ) {
    // Deferred, not dropped: a later message for the order merges it, or it goes tomorrow.
    return {
      action: 'defer',
      until: nextMorning(input.now, timeZone),
      reason: 'daily_cap',
      detail: `${input.sentToday} ${channel} messages already sent in the last day`,
    };
  }
  const until = quietHoursEnd(input.now, preferences.quietHours[channel], timeZone);
  if (until) return { action: 'defer', until, reason: 'quiet_hours' };
  return { action: 'send' };
}
