import { count, defined, fullName, list, obj, text, type Json } from '../payload-reading';
import type { OrderDraft, Parcel, StoreAction } from '../store-action';

/** Order statuses after which the guest hears nothing more. */
const endedStatuses = ['cancelled', 'refunded', 'failed', 'trash'];

/** A meta_data entry's value by key (WooCommerce: `[{id, key, value}]`). */
function meta(order: Json, key: string): unknown {
  return list(order.meta_data).find((m) => m.key === key)?.value;
}

/**
 * Tracking numbers, from the official Shipment Tracking extension's `_wc_shipment_tracking_items`
 * (`tracking_provider` or `custom_tracking_provider`, `tracking_number`, `date_shipped`), else
 * the fallback for stores without it: order meta `_tracking_number` (several separated by
 * commas) with an optional `_tracking_provider`.
 */
export function wooParcels(order: Json): Parcel[] {
  const tracked = list(meta(order, '_wc_shipment_tracking_items')).flatMap((t) => {
    const trackingNumber = text(t.tracking_number);
    const carrierName = text(t.custom_tracking_provider) ?? text(t.tracking_provider);
    return trackingNumber ? [defined({ trackingNumber, carrierName, items: [] })] : [];
  });
  if (tracked.length) return tracked;
  const carrierName = text(meta(order, '_tracking_provider'));
  return (text(meta(order, '_tracking_number')) ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((trackingNumber) => defined({ trackingNumber, carrierName, items: [] }));
}

export function wooOrderDraft(order: Json, prefix: string): OrderDraft {
  const billing = obj(order.billing);
  const shipping = obj(order.shipping);
  const to = text(shipping.city) || text(shipping.postcode) ? shipping : billing;
  return {
    externalId: `${prefix}${text(order.id)}`,
    orderNumber: text(order.number) ?? text(order.id) ?? '',
    // WooCommerce records no SMS consent, so the guest hears by email only (no phone kept).
    guest: defined({
      email: text(billing.email),
      name:
        fullName(to.first_name, to.last_name) ?? fullName(billing.first_name, billing.last_name),
    }),
    destination: defined({
      city: text(to.city),
      region: text(to.state),
      postalCode: text(to.postcode),
      country: text(to.country),
    }),
    items: list(order.line_items).flatMap((li) => {
      const name = text(li.name);
      const quantity = count(li.quantity);
      return name && quantity
        ? [defined({ name, quantity, imageUrl: text(obj(li.image).src) })]
        : [];
    }),
    // `date_modified_gmt` is UTC written without a zone.
    updatedAt: gmt(text(order.date_modified_gmt)),
  };
}

function gmt(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value) ? `${value}Z` : undefined;
}

/** Maps one WooCommerce webhook (topic + parsed body) to actions. Pure. */
export function wooActions(topic: string, order: Json, prefix: string): StoreAction[] {
  if (topic !== 'order.created' && topic !== 'order.updated')
    return [{ kind: 'ignore', reason: `topic ${topic} is not used` }];
  if (!text(order.id)) return [{ kind: 'ignore', reason: 'order without id' }];
  const draft = wooOrderDraft(order, prefix);
  const actions: StoreAction[] = [{ kind: 'order', draft, onlyIfNew: false }];
  const parcels = wooParcels(order);
  if (parcels.length) actions.push({ kind: 'ship', externalId: draft.externalId, parcels });
  if (endedStatuses.includes(text(order.status) ?? ''))
    actions.push({ kind: 'cancel_order', externalId: draft.externalId });
  return actions;
}
