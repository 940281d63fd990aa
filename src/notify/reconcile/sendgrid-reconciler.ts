import type { Client } from '@sendgrid/client';
import type { Notification } from '../notification';
import { createSendGridClient } from '../senders/sendgrid/sendgrid-client';
import type { ProviderReconciler, ReconcileResult } from './provider-reconciler';

interface ActivityMessage {
  msg_id: string;
  last_event_time?: string;
}

/**
 * Asks SendGrid's Email Activity API (a paid add-on) for messages carrying the notification id
 * in custom_args. Without the add-on, or with a key lacking `messages.read`, SendGrid answers
 * 401/403: the provider cannot be asked, which is recorded rather than guessed.
 */
export class SendGridReconciler implements ProviderReconciler {
  readonly name = 'sendgrid';
  private readonly client: Client;

  constructor(apiKey: string, apiHost?: string, timeoutMs = 15_000) {
    this.client = createSendGridClient(apiKey, apiHost, timeoutMs);
  }

  async reconcile(notification: Notification): Promise<ReconcileResult> {
    try {
      const [, body] = await this.client.request({
        method: 'GET',
        url: '/v3/messages',
        qs: { query: `unique_args['notificationId']="${notification.id}"`, limit: 10 },
      });
      const messages = ((body ?? {}) as { messages?: ActivityMessage[] }).messages ?? [];
      const first = messages[0];
      if (!first) return { outcome: 'not_sent' };
      return {
        outcome: 'sent',
        // Mail Send's X-Message-Id is the part of msg_id before the first dot.
        providerMessageId: first.msg_id.split('.')[0] ?? first.msg_id,
        at: new Date(first.last_event_time ?? Date.now()),
      };
    } catch (error) {
      const status = (error as { code?: unknown }).code;
      if (status === 401 || status === 403)
        return { outcome: 'cannot_ask', reason: `sendgrid_email_activity_${status}` };
      return { outcome: 'cannot_ask', reason: `sendgrid_error:${String(status ?? 'network')}` };
    }
  }
}
