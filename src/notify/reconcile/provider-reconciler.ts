import type { Notification } from '../notification';

/**
 * What the provider says about a notification whose outcome is unknown:
 * - sent: it has the message (its id and when it took it);
 * - not_sent: it was asked and has no such message;
 * - cannot_ask: it could not be asked (no access to that API, ambiguous answer, error).
 */
export type ReconcileResult =
  | { outcome: 'sent'; providerMessageId: string; at: Date }
  | { outcome: 'not_sent' }
  | { outcome: 'cannot_ask'; reason: string };

/** Asks one provider whether it took a message for this notification. */
export interface ProviderReconciler {
  readonly name: string;
  reconcile(notification: Notification): Promise<ReconcileResult>;
}

/** When the notification was last handed to a provider (its latest `sending`), else created. */
export function handedAt(notification: Notification): Date {
  const sending = notification.history.filter((h) => h.state === 'sending').at(-1);
  return new Date(sending?.at ?? notification.createdAt);
}
