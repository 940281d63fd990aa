import type { NotificationIntent } from '../../db/repositories/notification.repository';
import { resolveLocale } from '../../i18n/locale';
import type { MerchantPreferences } from '../../merchants/merchant';
import type { Order } from '../../orders/order';
import { channels, type Milestone } from '../../tracking/domain/taxonomy';

export interface PlanInput {
  milestones: Milestone[];
  shipmentId: string;
  order: Pick<Order, 'id' | 'merchantId' | 'guest' | 'erasedAt' | 'cancelledAt'>;
  preferences: Pick<MerchantPreferences, 'matrix' | 'defaultLocale'>;
  now: Date;
}

/** The outbox key: one notification per shipment, milestone and channel, ever. */
export function notificationKey(shipmentId: string, milestone: Milestone, channel: string): string {
  return `${shipmentId}:${milestone}:${channel}`;
}

/**
 * Which notifications a new milestone calls for: one per channel the merchant turned on for it
 * and the guest can be reached on. Everything that can change before sending (consent,
 * suppressions, guest preferences, quiet hours, staleness) is checked again by the dispatcher.
 */
export function planIntents(input: PlanInput): NotificationIntent[] {
  const { order, preferences } = input;
  if (order.erasedAt || order.cancelledAt) return [];
  const locale = resolveLocale(order.guest.locale, preferences.defaultLocale);
  const intents: NotificationIntent[] = [];
  for (const milestone of input.milestones) {
    for (const channel of channels) {
      const recipient = channel === 'email' ? order.guest.email : order.guest.phone;
      if (!recipient || !preferences.matrix[milestone]?.[channel]) continue;
      intents.push({
        idempotencyKey: notificationKey(input.shipmentId, milestone, channel),
        merchantId: order.merchantId,
        orderId: order.id,
        shipmentIds: [input.shipmentId],
        milestone,
        channel,
        recipient,
        template: milestone,
        locale,
        notBefore: input.now,
      });
    }
  }
  return intents;
}

/** The optional "we'll keep you posted" message when an order is created. */
export function planOrderConfirmation(
  input: Omit<PlanInput, 'milestones' | 'shipmentId'>,
): NotificationIntent[] {
  const { order, preferences } = input;
  if (order.erasedAt) return [];
  const locale = resolveLocale(order.guest.locale, preferences.defaultLocale);
  return channels.flatMap((channel) => {
    const recipient = channel === 'email' ? order.guest.email : order.guest.phone;
    if (!recipient) return [];
    return [
      {
        idempotencyKey: `${order.id}:order_confirmation:${channel}`,
        merchantId: order.merchantId,
        orderId: order.id,
        shipmentIds: [],
        milestone: 'order_confirmation' as const,
        channel,
        recipient,
        template: 'order_confirmation',
        locale,
        notBefore: input.now,
      },
    ];
  });
}
