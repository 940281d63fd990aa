import { guestPageText, type GuestPageText } from '../../../i18n/guest-page-text';
import type { Locale } from '../../../i18n/locale';
import { statusLabels } from '../../../i18n/status-labels';
import type { Merchant } from '../../../merchants/merchant';
import type { Order } from '../../../orders/order';
import { isFinal } from '../../../tracking/domain/taxonomy';
import type { EventLocation, Shipment, TrackingEvent } from '../../../tracking/shipment';
import type { ShipmentView, StatusEventView, StatusView } from '../status-view.schema';
import { deliveryProgress } from './delivery-progress';
import {
  formatCalendarDate,
  formatDateWindow,
  formatEtaDate,
  formatEventTime,
  formatLongTime,
  relativeAgo,
} from './guest-time';
import { isDelayed, shipmentAdvice } from './shipment-advice';

/** What the page knows about a carrier: a name and maybe a public tracking page. */
export interface CarrierFacts {
  name: string;
  trackingUrl(trackingNumber: string): string | undefined;
}

export interface StatusViewInput {
  order: Order;
  merchant: Merchant;
  shipments: Shipment[];
  carrier(code: string): CarrierFacts | undefined;
  locale: Locale;
  timeZone: string;
  now: Date;
  version: string;
  links: StatusView['links'];
}

/** City and region (and a foreign country); never a street or postal code. */
export function placeText(
  place: EventLocation | undefined,
  homeCountry?: string,
): string | undefined {
  if (!place) return undefined;
  let text = place.city || '';
  if (place.region) text = text ? `${text}, ${place.region}` : place.region;
  if (place.country && place.country !== homeCountry)
    text = text ? `${text}, ${place.country}` : place.country;
  return text || undefined;
}

const safeColor = /^#[0-9a-f]{6}$/i;

const plainWebLink = /^https?:\/\/[^\s"'<>]+$/i;

/** Merchant- and carrier-supplied links go into href only when they are plain web links. */
export function webLink(url: string | undefined): string | null {
  return url && plainWebLink.test(url) ? url : null;
}

function eventView(event: TrackingEvent, input: StatusViewInput): StatusEventView {
  const at = new Date(event.occurredAt);
  return {
    id: event.id,
    status: event.status,
    statusLabel: statusLabels[input.locale][event.status],
    description: event.rawText || statusLabels[input.locale][event.status],
    occurredAt: at.toISOString(),
    localTime: formatEventTime(at, input.locale, input.timeZone),
    offsetKnown: event.utcOffsetMinutes !== null && event.utcOffsetMinutes !== undefined,
    place: placeText(event.location, input.order.destination.country),
  };
}

function deliveryView(
  shipment: Shipment,
  events: TrackingEvent[],
  input: StatusViewInput,
  text: GuestPageText,
) {
  const original = shipment.eta?.original?.date ?? null;
  const ours = !original && shipment.estimate?.source === 'porchlight' ? shipment.estimate : null;
  const estimated = shipment.eta?.current?.date ?? original ?? ours?.mostLikely ?? null;
  const delayed = isDelayed(shipment);
  const deliveredEvent = events.find((e) => e.status === 'delivered');
  const deliveredAt =
    shipment.status === 'delivered'
      ? new Date(
          deliveredEvent?.occurredAt ??
            shipment.finalAt ??
            shipment.lastEventAt ??
            shipment.updatedAt,
        )
      : null;
  const when = deliveredAt
    ? text.deliveredOn(formatLongTime(deliveredAt, input.locale, input.timeZone))
    : ours
      ? formatDateWindow(ours.from, ours.to, input.locale)
      : estimated
        ? formatEtaDate(estimated, input.locale, input.timeZone, input.now)
        : text.etaUnknown;
  return {
    estimatedDate: estimated,
    originalDate: original,
    delayed,
    deliveredAt: deliveredAt?.toISOString() ?? null,
    text: when,
    originalText:
      delayed && original && !deliveredAt
        ? text.originallyExpected(formatCalendarDate(original, input.locale))
        : null,
    estimateSource: deliveredAt || !estimated ? null : ours ? 'porchlight' : 'carrier',
    estimateNote: ours && !deliveredAt ? text.ourEstimate : null,
  } as const;
}

function shipmentView(shipment: Shipment, input: StatusViewInput): ShipmentView {
  const text = guestPageText[input.locale];
  const events = [...shipment.events].sort(
    (a, b) => new Date(b.occurredAt).getTime() - new Date(a.occurredAt).getTime(),
  );
  const carrier = input.carrier(shipment.carrier);
  const checkedAgo = shipment.lastCheckedAt
    ? relativeAgo(new Date(shipment.lastCheckedAt), input.now, input.locale)
    : undefined;
  const eventViews = events.map((e) => eventView(e, input));
  return {
    id: shipment.id,
    status: shipment.status,
    statusLabel: statusLabels[input.locale][shipment.status],
    final: isFinal(shipment.status),
    progress: deliveryProgress(
      shipment.status,
      events.map((e) => e.status),
      text,
    ),
    advice: shipmentAdvice(shipment, text),
    latestEvent: eventViews[0] ?? null,
    delivery: deliveryView(shipment, events, input, text),
    carrier: {
      code: shipment.carrier,
      name: shipment.handledBy?.name ?? carrier?.name ?? shipment.carrier.toUpperCase(),
      trackingNumber: shipment.trackingNumber,
      trackingUrl: webLink(
        shipment.handledBy?.trackingUrl ?? carrier?.trackingUrl(shipment.trackingNumber),
      ),
    },
    events: eventViews,
    lastCheckedAt: shipment.lastCheckedAt ? new Date(shipment.lastCheckedAt).toISOString() : null,
    checkedText: !shipment.lastCheckedAt
      ? text.notCheckedYet
      : checkedAgo
        ? text.checked(checkedAgo)
        : text.checkedJustNow,
  };
}

/** Everything the status page and its JSON show, decided from data, a clock and a language. */
export function buildStatusView(input: StatusViewInput): StatusView {
  const { order, merchant } = input;
  const shipments = input.shipments.map((s) => shipmentView(s, input));
  const destination = { city: order.destination.city, region: order.destination.region };
  return {
    version: input.version,
    locale: input.locale,
    timeZone: input.timeZone,
    final: shipments.length > 0 && shipments.every((s) => s.final),
    merchant: {
      name: merchant.branding.displayName || merchant.name,
      primaryColor: safeColor.test(merchant.branding.primaryColor)
        ? merchant.branding.primaryColor
        : '#2f4f6b',
      supportEmail: merchant.branding.supportEmail ?? null,
      supportUrl: webLink(merchant.branding.supportUrl),
    },
    order: {
      number: order.orderNumber,
      items: order.items.map((i) => ({ name: i.name, quantity: i.quantity })),
      destination,
      destinationText: placeText(destination) ?? null,
    },
    shipments,
    links: input.links,
  };
}
