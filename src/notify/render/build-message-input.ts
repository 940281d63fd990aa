import { resolveLocale } from '../../i18n/locale';
import type { Merchant } from '../../merchants/merchant';
import type { Order, OrderItem } from '../../orders/order';
import type { CarrierAdapter } from '../../tracking/carrier';
import type { Shipment } from '../../tracking/shipment';
import { validTimeZone } from '../../web/status-page/domain/guest-time';
import type { MessageInput, ShipmentSummary, TemplateName } from './message-input';

export interface MessageSubject {
  template: TemplateName;
  /** The locale the notification was planned in, if any. */
  locale?: string;
}

/** The items travelling in these parcels; the whole order when the shop did not say which. */
export function parcelItems(items: OrderItem[], shipments: Pick<Shipment, 'trackingNumber'>[]) {
  if (!items.some((i) => i.trackingNumber)) return items;
  const numbers = new Set(shipments.map((s) => s.trackingNumber));
  const mine = items.filter((i) => i.trackingNumber && numbers.has(i.trackingNumber));
  return mine.length ? mine : items;
}

function summary(
  s: Shipment,
  carrier: (code: string) => CarrierAdapter | undefined,
): ShipmentSummary {
  const latest = s.events.reduce<Shipment['events'][number] | undefined>(
    (a, e) => (!a || e.occurredAt > a.occurredAt ? e : a),
    undefined,
  );
  const adapter = carrier(s.carrier);
  return {
    carrierName: s.handledBy?.name ?? adapter?.displayName ?? s.carrier.toUpperCase(),
    trackingNumber: s.trackingNumber,
    trackingUrl: s.handledBy?.trackingUrl ?? adapter?.publicTrackingUrl(s.trackingNumber),
    status: s.status,
    seenStatuses: s.events.map((e) => e.status),
    eta: s.eta?.current?.date,
    estimate: s.estimate
      ? { from: s.estimate.from, to: s.estimate.to, source: s.estimate.source }
      : undefined,
    latest: latest
      ? {
          status: latest.status,
          text: latest.rawText,
          at: latest.occurredAt,
          location: latest.location,
        }
      : undefined,
  };
}

/**
 * What one message shows about an order, from plain data: used to send (with a freshly minted
 * status link) and to preview (with a placeholder one).
 */
export function buildMessageInput(
  subject: MessageSubject,
  order: Order,
  merchant: Merchant,
  shipments: Shipment[],
  allOrderShipments: Shipment[],
  carrier: (code: string) => CarrierAdapter | undefined,
  links: { statusUrl: string; unsubscribeUrl: string },
): MessageInput {
  const delivered = allOrderShipments.filter((s) => s.status === 'delivered').length;
  return {
    template: subject.template,
    locale: resolveLocale(subject.locale, order.guest.locale, merchant.preferences.defaultLocale),
    timeZone:
      validTimeZone(order.guest.timezone) ?? validTimeZone(merchant.preferences.timezone) ?? 'UTC',
    merchant: { name: merchant.name, branding: merchant.branding },
    guestName: order.guest.name,
    orderNumber: order.orderNumber,
    items: parcelItems(order.items, shipments),
    shipments: shipments.map((s) => summary(s, carrier)),
    parcels: { total: allOrderShipments.length, delivered },
    wholeOrderDelivered:
      subject.template === 'delivered' &&
      allOrderShipments.length > 1 &&
      delivered === allOrderShipments.length,
    ...links,
  };
}
