import type { StoreConnection, StoreEvent } from './integration';
import { obj, parseStorePayload } from './payload-reading';
import { shopifyActions } from './shopify/shopify-mapping';
import type { StoreAction } from './store-action';
import { storeOrderPrefix } from './store-order-id';
import { wooActions } from './woocommerce/woocommerce-mapping';

export interface Decision {
  actions: StoreAction[];
  /** Events about the same order run in arrival order; different subjects run side by side. */
  subject: string;
}

/** What a stored event asks for, from its body and its store. Pure. */
export function decideStoreEvent(event: StoreEvent, connection?: StoreConnection): Decision {
  const ignore = (reason: string): Decision => ({
    actions: [{ kind: 'ignore', reason }],
    subject: event.id,
  });
  if (!connection) return ignore('the store was disconnected');
  let payload: unknown;
  try {
    payload = parseStorePayload(event.body ?? '');
  } catch {
    return ignore('the body is not JSON');
  }
  const prefix = storeOrderPrefix(connection);
  const actions =
    connection.platform === 'shopify'
      ? shopifyActions(event.topic, obj(payload), prefix)
      : wooActions(event.topic, obj(payload), prefix);
  const subject =
    actions
      .map((a) => (a.kind === 'order' ? a.draft.externalId : 'externalId' in a ? a.externalId : ''))
      .find(Boolean) ?? `store:${connection.id}`;
  return { actions, subject };
}
