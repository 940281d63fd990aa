import { asLocale } from '../../i18n/locale';
import { count, defined, fullName, list, obj, text, type Json } from '../payload-reading';
import type { OrderDraft, Parcel, StoreAction } from '../store-action';

/** Fulfilment states that mean the parcel will not travel (Shopify's fulfillment.status). */
const stoppedStatuses = ['cancelled', 'error', 'failure'];

function items(lineItems: unknown): OrderDraft['items'] {
  return list(lineItems).flatMap((li) => {
    const name = text(li.title) ?? text(li.name);
    const quantity = count(li.quantity);
    if (!name || !quantity) return [];
    const image = text(obj(li.image).src) ?? text(li.image);
    return [defined({ name, quantity, imageUrl: image })];
  });
}

function destination(address: unknown): OrderDraft['destination'] {
  const a = obj(address);
  return defined({
    city: text(a.city),
    region: text(a.province_code) ?? text(a.province),
    postalCode: text(a.zip),
    country: text(a.country_code),
  });
}

/**
 * SMS only with explicit, recorded SMS marketing consent (`customer.sms_marketing_consent`);
 * without it the phone is left out, so the guest hears by email only.
 */
function smsContact(order: Json): Pick<OrderDraft['guest'], 'phone' | 'consent'> {
  const customer = obj(order.customer);
  const consent = obj(customer.sms_marketing_consent);
  if (text(consent.state) !== 'subscribed') return {};
  const phone =
    text(consent.consent_phone) ??
    text(customer.phone) ??
    text(order.phone) ??
    text(obj(order.shipping_address).phone);
  if (!phone) return {};
  return {
    phone,
    consent: {
      sms: defined({
        granted: true,
        at: text(consent.consent_updated_at),
        source:
          `shopify:${text(consent.consent_collected_from) ?? 'sms_marketing_consent'}`.toLowerCase(),
      }),
    },
  };
}

export function shopifyOrderDraft(order: Json, prefix: string): OrderDraft {
  const customer = obj(order.customer);
  const shipping = obj(order.shipping_address);
  return {
    externalId: `${prefix}${text(order.id)}`,
    orderNumber: text(order.name) ?? `#${text(order.order_number) ?? text(order.id)}`,
    guest: defined({
      email: text(order.email) ?? text(order.contact_email) ?? text(customer.email),
      name: fullName(customer.first_name, customer.last_name) ?? text(shipping.name),
      locale: asLocale(text(order.customer_locale)),
      ...smsContact(order),
    }),
    destination: destination(order.shipping_address),
    items: items(order.line_items),
    updatedAt: text(order.updated_at),
  };
}

function parcels(fulfillment: Json): Parcel[] {
  const numbers = [
    ...new Set(
      [
        ...(Array.isArray(fulfillment.tracking_numbers) ? fulfillment.tracking_numbers : []),
        fulfillment.tracking_number,
      ]
        .map(text)
        .filter((n): n is string => Boolean(n)),
    ),
  ];
  const carrierName = text(fulfillment.tracking_company);
  // Shopify names one carrier and one set of line items for all numbers of a fulfilment.
  const riding = items(fulfillment.line_items).map(({ name, quantity }) => ({ name, quantity }));
  return numbers.map((trackingNumber) => defined({ trackingNumber, carrierName, items: riding }));
}

/** A fulfilment's effect on its order's shipments (also used for those inside order payloads). */
function fulfillmentActions(fulfillment: Json, externalId: string): StoreAction[] {
  const found = parcels(fulfillment);
  if (found.length === 0) return [];
  if (stoppedStatuses.includes(text(fulfillment.status) ?? ''))
    return [
      { kind: 'stop_parcels', externalId, trackingNumbers: found.map((p) => p.trackingNumber) },
    ];
  return [{ kind: 'ship', externalId, parcels: found }];
}

/** What a fulfilment alone knows of its order, to start it when the order event is late. */
function draftFromFulfillment(fulfillment: Json, prefix: string): OrderDraft {
  const to = obj(fulfillment.destination);
  const orderId = text(fulfillment.order_id);
  return {
    externalId: `${prefix}${orderId}`,
    // A fulfilment's name is its order's plus ".1", ".2"...
    orderNumber: text(fulfillment.name)?.replace(/\.\d+$/, '') ?? `#${orderId}`,
    guest: defined({
      email: text(fulfillment.email),
      name: fullName(to.first_name, to.last_name) ?? text(to.name),
    }),
    destination: destination(to),
    items: items(fulfillment.line_items),
  };
}

function orderActions(topic: string, order: Json, prefix: string): StoreAction[] {
  if (!text(order.id)) return [{ kind: 'ignore', reason: 'order without id' }];
  const draft = shopifyOrderDraft(order, prefix);
  const actions: StoreAction[] = [
    { kind: 'order', draft, onlyIfNew: topic === 'orders/cancelled' },
  ];
  for (const f of list(order.fulfillments))
    actions.push(...fulfillmentActions(f, draft.externalId));
  if (topic === 'orders/cancelled' || text(order.cancelled_at))
    actions.push({ kind: 'cancel_order', externalId: draft.externalId });
  return actions;
}

function customer(payload: Json) {
  const c = obj(payload.customer);
  return defined({ externalId: text(c.id), email: text(c.email), phone: text(c.phone) });
}

const orderIds = (value: unknown, prefix: string) =>
  (Array.isArray(value) ? value : [])
    .map(text)
    .filter(Boolean)
    .map((id) => `${prefix}${id}`);

/**
 * Maps one Shopify webhook (topic + parsed body) to actions. `prefix` is the shop's external
 * id prefix (store-order-id.ts). Pure: no I/O, no clock.
 */
export function shopifyActions(topic: string, payload: Json, prefix: string): StoreAction[] {
  switch (topic) {
    case 'orders/create':
    case 'orders/updated':
    case 'orders/cancelled':
      return orderActions(topic, payload, prefix);
    case 'fulfillments/create':
    case 'fulfillments/update': {
      if (!text(payload.order_id))
        return [{ kind: 'ignore', reason: 'fulfilment without order_id' }];
      const draft = draftFromFulfillment(payload, prefix);
      const effect = fulfillmentActions(payload, draft.externalId);
      if (effect.length === 0)
        return [{ kind: 'ignore', reason: 'fulfilment without tracking number' }];
      return effect[0]?.kind === 'ship'
        ? [{ kind: 'order', draft, onlyIfNew: true }, ...effect]
        : effect;
    }
    case 'customers/redact': {
      const who = customer(payload);
      return [
        defined({
          kind: 'erase_guest' as const,
          externalIds: orderIds(payload.orders_to_redact, prefix),
          email: who.email,
          customerId: who.externalId,
        }),
      ];
    }
    case 'shop/redact':
      return [{ kind: 'erase_store' }];
    case 'customers/data_request':
      return [
        defined({
          kind: 'data_request' as const,
          requestId: text(obj(payload.data_request).id),
          customer: customer(payload),
          externalIds: orderIds(payload.orders_requested, prefix),
        }),
      ];
    default:
      return [{ kind: 'ignore', reason: `topic ${topic} is not used` }];
  }
}
