import type { Container } from '../app/container';
import { orderInputSchema } from '../api/schemas';
import type { Merchant } from '../merchants/merchant';
import type { Order } from '../orders/order';
import { OrderService } from '../orders/order.service';
import { AppError } from '../shared/app-error';
import { normalizeTrackingNumber } from '../tracking/domain/tracking-number-formats';
import { carrierCodeForName } from './carrier-names';
import type { StoreConnection } from './integration';
import type { OrderDraft, Parcel, StoreAction } from './store-action';
import { storeOrderPrefix } from './store-order-id';

type Deps = Pick<Container, 'config' | 'clock' | 'repositories' | 'carriers'>;

/** A store's field we cannot use (a malformed phone or image URL) is left out, not fatal. */
/** The store's change time as a date; an absent or unreadable one applies as before (last wins). */
function storeVersion(updatedAt: string | undefined): Date | undefined {
  const at = updatedAt ? new Date(updatedAt) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}

function validDraft({ updatedAt: _version, ...draft }: OrderDraft) {
  const candidate = structuredClone({ ...draft, shipments: [] }) as Record<string, unknown>;
  const first = orderInputSchema.safeParse(candidate);
  if (first.success) return first.data;
  for (const issue of first.error.issues) {
    const path = issue.path.map(String);
    if (path[0] === 'items' && path.length > 2 && path[2] !== 'imageUrl') {
      (candidate.items as unknown[])[Number(path[1])] = undefined;
      continue;
    }
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], candidate);
    if (parent && typeof parent === 'object')
      delete (parent as Record<string, unknown>)[path.at(-1) ?? ''];
  }
  candidate.items = (candidate.items as unknown[]).filter(Boolean);
  const second = orderInputSchema.safeParse(candidate);
  if (second.success) return second.data;
  throw new AppError('validation_failed', 'The store order could not be read.', {
    fields: second.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  });
}

/**
 * Carries out a store event's actions through the same services the API uses. Every action is
 * idempotent (upserts on natural keys), so an event processed twice changes nothing more.
 * Returns notes for the event's outcome (no personal data).
 */
export class StoreActionApplier {
  private readonly orders: OrderService;

  constructor(private readonly deps: Deps) {
    this.orders = new OrderService(deps);
  }

  async apply(
    merchant: Merchant,
    connection: StoreConnection,
    actions: StoreAction[],
  ): Promise<string[]> {
    const notes: string[] = [];
    for (const action of actions)
      notes.push(...(await this.applyOne(merchant, connection, action)));
    return notes;
  }

  private async applyOne(
    merchant: Merchant,
    connection: StoreConnection,
    action: StoreAction,
  ): Promise<string[]> {
    const { repositories, clock } = this.deps;
    switch (action.kind) {
      case 'ignore':
        return [`ignored: ${action.reason}`];
      case 'order': {
        const { created, stale } = await this.orders.upsert(merchant, validDraft(action.draft), {
          insertOnly: action.onlyIfNew,
          storeVersion: storeVersion(action.draft.updatedAt),
        });
        if (stale) return ['order kept: the store changed it after this update'];
        return [created ? 'order created' : action.onlyIfNew ? 'order known' : 'order updated'];
      }
      case 'ship': {
        const order = await this.order(merchant, action.externalId);
        if (order.cancelledAt) return ['order cancelled: parcels not tracked'];
        return Promise.all(action.parcels.map((p) => this.ship(merchant, order, p)));
      }
      case 'stop_parcels': {
        const order = await repositories.orders.findByExternalId(merchant.id, action.externalId);
        if (!order) return ['cancelled fulfilment of an unknown order'];
        const stopped = await repositories.shipments.stopTracking(
          order.id,
          'The store cancelled this fulfilment.',
          action.trackingNumbers.map(normalizeTrackingNumber),
        );
        return [`${stopped} parcel(s) stopped`];
      }
      case 'cancel_order': {
        const order = await this.order(merchant, action.externalId);
        await repositories.orders.markCancelled(order.id, clock.now());
        await repositories.shipments.stopTracking(order.id, 'The store cancelled this order.');
        return ['order cancelled'];
      }
      case 'erase_guest': {
        const found = await repositories.orders.findFromStore(
          merchant.id,
          storeOrderPrefix(connection),
          {
            externalIds: action.externalIds,
            email: action.email,
          },
        );
        for (const order of found) await this.orders.erase(merchant, order.id);
        await repositories.dataRequests.removeForCustomer(connection.id, {
          email: action.email,
          externalId: action.customerId,
        });
        return [`${found.length} order(s) erased`];
      }
      case 'erase_store': {
        const found = await repositories.orders.findFromStore(
          merchant.id,
          storeOrderPrefix(connection),
        );
        for (const order of found) await this.orders.erase(merchant, order.id);
        await repositories.dataRequests.removeForConnection(connection.id);
        return [`${found.length} order(s) erased`];
      }
      case 'data_request':
        await repositories.dataRequests.add({
          merchantId: merchant.id,
          connectionId: connection.id,
          platform: connection.platform,
          requestId: action.requestId,
          customer: action.customer,
          externalIds: action.externalIds,
          orderPrefix: storeOrderPrefix(connection),
          receivedAt: clock.now(),
        });
        return ['data request recorded'];
    }
  }

  private async order(merchant: Merchant, externalId: string): Promise<Order> {
    const order = await this.deps.repositories.orders.findByExternalId(merchant.id, externalId);
    // The mappings start the order first; missing here means it was never created (erased or bad).
    if (!order) throw new AppError('not_found', 'The order of this event is unknown.');
    return order;
  }

  /** Like the API's shipment creation: a known carrier name, else detection, else the aggregator. */
  private async ship(merchant: Merchant, order: Order, parcel: Parcel): Promise<string> {
    const named = carrierCodeForName(parcel.carrierName);
    const carrier = named && this.deps.carriers.get(named) ? named : undefined;
    try {
      await this.orders.addShipment(merchant, order.id, {
        trackingNumber: parcel.trackingNumber,
        carrier,
        items: parcel.items.length ? parcel.items : undefined,
      });
      return 'parcel tracked';
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed')
        return `parcel not tracked: ${error.fields[0]?.message ?? error.message}`;
      throw error;
    }
  }
}
