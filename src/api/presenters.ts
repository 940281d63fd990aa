import type { z } from 'zod';
import { changedPaths, type AuditEntry } from '../audit/audit-entry';
import type { ListedSuppression } from '../db/repositories/suppression.repository';
import type { Notification } from '../notify/notification';
import type { Order } from '../orders/order';
import type { Shipment } from '../tracking/shipment';
import { rankOf } from '../tracking/domain/status-progress';
import type {
  auditEntryOutSchema,
  notificationOutSchema,
  orderOutSchema,
  shipmentOutSchema,
  suppressionOutSchema,
} from './schemas';

export function presentShipment(s: Shipment): z.output<typeof shipmentOutSchema> {
  return {
    id: s.id,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    status: s.status,
    eta: s.eta?.current?.date ?? null,
    estimate: s.estimate
      ? {
          from: s.estimate.from,
          to: s.estimate.to,
          mostLikely: s.estimate.mostLikely,
          source: s.estimate.source,
          confidence: s.estimate.confidence ?? null,
        }
      : null,
    lastCheckedAt: s.lastCheckedAt?.toISOString() ?? null,
    trackingProblem: s.trackingProblem ?? null,
    handledBy: s.handledBy?.name ?? null,
    events: s.events.map((e) => ({
      status: e.status,
      rawCode: e.rawCode,
      rawText: e.rawText,
      occurredAt: e.occurredAt.toISOString(),
      utcOffsetMinutes: e.utcOffsetMinutes ?? null,
      ...(e.location
        ? {
            location: {
              city: e.location.city,
              region: e.location.region,
              country: e.location.country,
            },
          }
        : {}),
    })),
  };
}

export function presentNotification(n: Notification): z.output<typeof notificationOutSchema> {
  return {
    id: n.id,
    orderId: n.orderId,
    milestone: n.milestone,
    channel: n.channel,
    state: n.state,
    attempts: n.attempts,
    providerMessageId: n.providerMessageId ?? null,
    lastError: n.lastError ?? null,
    createdAt: n.createdAt.toISOString(),
    history: n.history.map((h) => ({
      at: h.at.toISOString(),
      state: h.state,
      reason: h.reason ?? null,
      detail: h.detail ?? null,
    })),
  };
}

/** The order's status is its least advanced shipment's, so "delivered" means all of it. */
export function presentOrder(
  order: Order,
  shipments: Shipment[],
  notifications: Notification[],
): z.output<typeof orderOutSchema> {
  const least = [...shipments].sort((a, b) => (rankOf(a.status) ?? 0) - (rankOf(b.status) ?? 0))[0];
  return {
    id: order.id,
    externalId: order.externalId,
    orderNumber: order.orderNumber,
    status: least?.status ?? 'pending',
    guest: {
      email: order.guest.email ?? null,
      phone: order.guest.phone ?? null,
      name: order.guest.name ?? null,
      locale: order.guest.locale ?? null,
      timezone: order.guest.timezone ?? null,
    },
    items: order.items.map((i) => ({ name: i.name, quantity: i.quantity })),
    shipments: shipments.map(presentShipment),
    notifications: notifications.map(presentNotification),
    erased: Boolean(order.erasedAt),
  };
}

export function presentAuditEntry(e: AuditEntry): z.output<typeof auditEntryOutSchema> {
  return {
    id: e.id,
    actor: { kind: e.actor.kind, id: e.actor.id, label: e.actor.label },
    action: e.action,
    target: e.target ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    changed: changedPaths(e.before, e.after),
    reason: e.reason ?? null,
    at: e.at.toISOString(),
  };
}

/** Never the address: only its hint. */
export function presentSuppression(s: ListedSuppression): z.output<typeof suppressionOutSchema> {
  return {
    id: s.id,
    channel: s.channel,
    hint: s.hint,
    reason: s.reason,
    source: s.source ?? null,
    global: s.global,
    createdAt: s.createdAt.toISOString(),
  };
}
