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
  /**
   * The daily cap's count, by shipment id: messages about these orders sent in the last day,
   * and those this batch has decided to send (see `countAsSent`).
   */
  sentToday: Map<string, CountedSend[]>;
  /** `merchantId:recipient` pairs that have had a text before (the first carries opt-out words). */
  texted: Set<string>;
}

/** A message the daily cap counts. */
export type CountedSend = Pick<Notification, 'id' | 'channel' | 'shipmentIds'>;

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
  const batch = {
    orders: byId(orders),
    merchants: byId(merchants),
    shipmentsByOrder,
    suppressions,
    sentToday: new Map<string, CountedSend[]>(),
    texted,
  };
  for (const n of sentToday) countAsSent(batch, n);
  return batch;
}

/**
 * Counts a message for the daily cap of each shipment it is about (once, however often it is
 * counted). A message decided in this batch is counted before it is sent: if it cannot go yet
 * (the per-second limit, a failed render) it goes soon, and the cap holds its place.
 */
export function countAsSent(batch: Pick<DispatchBatch, 'sentToday'>, send: CountedSend): void {
  for (const shipmentId of send.shipmentIds) {
    const counted = batch.sentToday.get(shipmentId);
    if (!counted) batch.sentToday.set(shipmentId, [send]);
    else if (!counted.some((c) => c.id === send.id)) counted.push(send);
  }
}

/** Messages on this channel counted today about any of these shipments. */
export function sentTodayAbout(
  batch: DispatchBatch,
  channel: Notification['channel'],
  shipmentIds: string[],
): number {
  const ids = new Set<string>();
  for (const shipmentId of shipmentIds)
    for (const c of batch.sentToday.get(shipmentId) ?? []) if (c.channel === channel) ids.add(c.id);
  return ids.size;
}

/** The suppression reason for a notification's recipient, or null. */
export const suppressionOf = (batch: DispatchBatch, n: Notification): string | null =>
  batch.suppressions.get(
    suppressionKey({ channel: n.channel, address: n.recipient, merchantId: n.merchantId }),
  ) ?? null;
