import type { Container } from '../../app/container';
import { resolveLocale } from '../../i18n/locale';
import type { Merchant } from '../../merchants/merchant';
import type { Order } from '../../orders/order';
import { hashStatusToken, newStatusToken, statusLink } from '../../orders/status-token';
import type { Shipment } from '../../tracking/shipment';
import { validTimeZone } from '../../web/status-page/domain/guest-time';
import type { Notification } from '../notification';
import type { MessageInput, TemplateName } from '../render/message-input';
import { unsubscribeUrl } from '../unsubscribe-link';

const dayMs = 86_400_000;

/**
 * Mints the status link this message carries (tokens are stored only as hashes, so each
 * message gets its own) and gathers what the templates show.
 */
export async function composeMessage(
  deps: Pick<Container, 'config' | 'repositories' | 'carriers'>,
  notification: Notification,
  order: Order,
  merchant: Merchant,
  shipments: Shipment[],
  allOrderShipments: Shipment[],
): Promise<MessageInput> {
  const { config, repositories, carriers } = deps;
  const token = newStatusToken();
  const finalAts = allOrderShipments.map((s) => s.finalAt);
  const allFinal = allOrderShipments.length > 0 && finalAts.every(Boolean);
  const lastFinal = allFinal ? Math.max(...finalAts.map((d) => (d as Date).getTime())) : 0;
  await repositories.statusTokens.create({
    tokenHash: hashStatusToken(token, config.security.tokenSecret),
    merchantId: merchant.id,
    orderId: order.id,
    expiresAt: allFinal
      ? new Date(lastFinal + merchant.preferences.statusLinkTtlDays * dayMs)
      : undefined,
  });
  const timeZone =
    validTimeZone(order.guest.timezone) ?? validTimeZone(merchant.preferences.timezone) ?? 'UTC';
  return {
    template: notification.milestone as TemplateName,
    locale: resolveLocale(
      notification.locale,
      order.guest.locale,
      merchant.preferences.defaultLocale,
    ),
    timeZone,
    merchant: { name: merchant.name, branding: merchant.branding },
    orderNumber: order.orderNumber,
    items: order.items,
    shipments: shipments.map((s) => {
      const latest = s.events.reduce<Shipment['events'][number] | undefined>(
        (a, e) => (!a || e.occurredAt > a.occurredAt ? e : a),
        undefined,
      );
      return {
        carrierName:
          s.handledBy?.name ?? carriers.get(s.carrier)?.displayName ?? s.carrier.toUpperCase(),
        trackingNumber: s.trackingNumber,
        status: s.status,
        eta: s.eta?.current?.date,
        estimate: s.estimate
          ? { from: s.estimate.from, to: s.estimate.to, source: s.estimate.source }
          : undefined,
        latest: latest
          ? { text: latest.rawText, at: latest.occurredAt, location: latest.location }
          : undefined,
      };
    }),
    wholeOrderDelivered:
      notification.milestone === 'delivered' &&
      allOrderShipments.length > 1 &&
      allOrderShipments.every((s) => s.status === 'delivered'),
    statusUrl: statusLink(config.http.publicBaseUrl, token),
    unsubscribeUrl: unsubscribeUrl(
      config.http.publicBaseUrl,
      notification.id,
      config.security.tokenSecret,
    ),
  };
}

export const dayStart = (now: Date): Date => new Date(now.getTime() - dayMs);
