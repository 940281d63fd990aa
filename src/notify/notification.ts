import type { Channel, Milestone } from '../tracking/domain/taxonomy';
import type { Lease } from '../tracking/shipment';

export const notificationStates = [
  'pending', // waiting to be sent (possibly deferred: see notBefore)
  'sending', // handed to a provider; outcome not yet recorded
  'sent', // provider accepted it
  'delivered', // provider reported delivery
  'failed', // gave up (permanent error or retries exhausted)
  'skipped', // policy decided not to send (reason recorded)
  'unknown', // the provider may or may not have it; reconciled from its events
] as const;
export type NotificationState = (typeof notificationStates)[number];

export interface NotificationHistoryEntry {
  at: Date;
  state: NotificationState;
  /** Machine-readable reason, e.g. quiet_hours, stale, suppressed, provider:21610. */
  reason?: string;
  detail?: string;
}

export interface Notification {
  id: string;
  /** Natural key, unique in the database: the same intent is never written twice. */
  idempotencyKey: string;
  merchantId: string;
  orderId: string;
  shipmentIds: string[];
  milestone: Milestone | 'order_confirmation';
  channel: Channel;
  /** Email address or E.164 phone; erased with the order. */
  recipient: string;
  template: string;
  locale: string;
  state: NotificationState;
  history: NotificationHistoryEntry[];
  attempts: number;
  notBefore: Date;
  providerMessageId?: string;
  providerStatus?: string;
  sentAt?: Date;
  deliveredAt?: Date;
  openedAt?: Date;
  clickedAt?: Date;
  lastError?: string;
  /** The web request that led to it, so worker log lines can be joined to it. */
  requestId?: string;
  lease: Lease | null;
  fence: number;
  createdAt: Date;
  updatedAt: Date;
}
