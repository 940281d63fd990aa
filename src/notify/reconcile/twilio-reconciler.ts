import type twilio from 'twilio';
import type { Notification } from '../notification';
import { createTwilioClient, type TwilioEndpoint } from '../senders/twilio/twilio-client';
import { handedAt, type ProviderReconciler, type ReconcileResult } from './provider-reconciler';

interface ListedMessage {
  sid: string;
  date_sent?: string | null;
  date_created?: string | null;
  status_callback?: string | null;
}

/** How far before the recorded hand-over a message may be dated (clock skew between hosts). */
const skewMs = 5 * 60_000;
const pageSize = 100;

/**
 * Lists the account's Messages to the recipient created since the notification was handed over,
 * and looks for the one whose StatusCallback carries `n=<notification id>`. The raw list is read
 * (through the SDK's authenticated client) because the SDK's MessageInstance drops fields it
 * does not model. Messages in the window that carry no callback URL at all cannot be told
 * apart from ours: that is `cannot_ask`, never a guess that would resend.
 */
export class TwilioReconciler implements ProviderReconciler {
  readonly name = 'twilio';
  private readonly client: twilio.Twilio;

  constructor(
    private readonly accountSid: string,
    authToken: string,
    endpoint: TwilioEndpoint = {},
    timeoutMs = 15_000,
  ) {
    this.client = createTwilioClient(accountSid, authToken, endpoint, timeoutMs);
  }

  async reconcile(notification: Notification): Promise<ReconcileResult> {
    const since = new Date(handedAt(notification).getTime() - skewMs);
    // No DateSent filter: a message still queued has no date_sent yet and would be missed,
    // turning "sent" into a resend. The list is newest first; the window is applied here.
    const query = new URLSearchParams({ To: notification.recipient, PageSize: String(pageSize) });
    let messages: ListedMessage[];
    try {
      const response = await this.client.request({
        method: 'get',
        uri: `https://api.twilio.com/2010-04-01/Accounts/${this.accountSid}/Messages.json?${query}`,
      });
      if (response.statusCode === 401 || response.statusCode === 403)
        return { outcome: 'cannot_ask', reason: `twilio_list_${response.statusCode}` };
      if (response.statusCode >= 400)
        return { outcome: 'cannot_ask', reason: `twilio_error:${response.statusCode}` };
      const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
      const page = ((body ?? {}) as { messages?: ListedMessage[] }).messages ?? [];
      messages = page.filter((m) => createdAt(m) >= since);
      if (page.length >= pageSize && messages.length === page.length)
        return { outcome: 'cannot_ask', reason: 'twilio_list_truncated' };
    } catch (error) {
      const status = (error as { response?: { status?: number } }).response?.status;
      return { outcome: 'cannot_ask', reason: `twilio_error:${status ?? 'network'}` };
    }
    const ours = messages.find((m) => callbackNotificationId(m) === notification.id);
    if (ours)
      return {
        outcome: 'sent',
        providerMessageId: ours.sid,
        at: new Date(ours.date_sent ?? ours.date_created ?? Date.now()),
      };
    if (messages.some((m) => !m.status_callback))
      return { outcome: 'cannot_ask', reason: 'twilio_list_without_callback_url' };
    return { outcome: 'not_sent' };
  }
}

function createdAt(message: ListedMessage): Date {
  return new Date(message.date_created ?? message.date_sent ?? 0);
}

function callbackNotificationId(message: ListedMessage): string | undefined {
  if (!message.status_callback) return undefined;
  try {
    return new URL(message.status_callback).searchParams.get('n') ?? undefined;
  } catch {
    return undefined;
  }
}
