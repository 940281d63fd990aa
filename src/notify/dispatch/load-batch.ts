import type { Container } from '../../app/container';
import type { ClaimedGroup } from '../../db/repositories/notification.repository';
import { suppressionKey } from '../../db/repositories/suppression.repository';
import type { Merchant } from '../../merchants/merchant';
import type { Order } from '../../orders/order';
import type { Shipment } from '../../tracking/shipment';
import type { Notification } from '../notification';
import { dayStart } from './compose-message';

/** Everything the send policy and the templates need for a batch, loaded in a few queries. */
export interface DispatchBatch {
  orders: Map<string, Order>;
  merchants: Map<string, Merchant>;
  shipmentsByOrder: Map<string, Shipment[]>;
  /** Suppression reason by `suppressionKey`. */
  suppressions: Map<string, string>;
  /** Notifications of these orders sent in the last day (daily cap). */
  sentToday: Notification[];
  /** `merchantId:recipient` pairs that have had a text before (the first carries opt-out words). */
  texted: Set<string>;
}

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));

export async function loadBatch(
  repositories: Container['repositories'],
  groups: ClaimedGroup[],
  now: Date,
): Promise<DispatchBatch> {
  const leaders = groups.map((g) => g.leader.notification);
  const orderIds = leaders.map((n) => n.orderId);
  const [orders, merchants, shipments, suppressions, sentToday, texted] = await Promise.all([
    repositories.orders.findByIds(orderIds),
    repositories.merchants.findByIds(leaders.map((n) => n.merchantId)),
    repositories.shipments.findByOrders(orderIds),
    repositories.suppressions.findMany(
      leaders.map((n) => ({ channel: n.channel, address: n.recipient, merchantId: n.merchantId })),
    ),
    repositories.notifications.sentSince(orderIds, dayStart(now)),
    repositories.notifications.textedBefore(
      leaders.filter((n) => n.channel === 'sms' && n.recipient),
    ),
  ]);
  const shipmentsByOrder = new Map<string, Shipment[]>();
  for (const s of shipments)
    shipmentsByOrder.set(s.orderId, [...(shipmentsByOrder.get(s.orderId) ?? []), s]);
  return {
    orders: byId(orders),
    merchants: byId(merchants),
    shipmentsByOrder,
    suppressions,
    sentToday,
    texted,
  };
}

/** The suppression reason for a notification's recipient, or null. */
export const suppressionOf = (batch: DispatchBatch, n: Notification): string | null =>
  batch.suppressions.get(
    suppressionKey({ channel: n.channel, address: n.recipient, merchantId: n.merchantId }),
  ) ?? null;
