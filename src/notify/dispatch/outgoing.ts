import type { Config } from '../../config/config';
import type { Merchant } from '../../merchants/merchant';
import type { Notification } from '../notification';
import type { MessageInput, RenderedEmail } from '../render/message-input';
import { smsInputFor, type SmsRenderer } from '../render/sms-renderer';
import type { OutgoingEmail } from '../senders/email-sender';
import type { OutgoingSms } from '../senders/sms-sender';

/** A rendered message for one provider call. */
export type Outgoing =
  { channel: 'email'; email: OutgoingEmail } | { channel: 'sms'; sms: OutgoingSms };

/** The provider's unit of throughput: one sending address, Messaging Service or number. */
export function senderScope(
  channel: Notification['channel'],
  merchant: Merchant,
  config: Config,
): string {
  if (channel === 'email')
    return `email:${merchant.senders.email.from ?? config.notify.defaultFromEmail ?? 'default'}`;
  return `sms:${merchant.senders.sms.messagingServiceSid ?? merchant.senders.sms.fromNumber ?? config.sms.twilio.messagingServiceSid ?? config.sms.twilio.fromNumber ?? 'default'}`;
}

export function outgoingEmail(
  n: Notification,
  merchant: Merchant,
  message: MessageInput & { unsubscribeUrl: string },
  rendered: RenderedEmail,
  config: Config,
): Outgoing {
  return {
    channel: 'email',
    email: {
      to: n.recipient,
      from: {
        email:
          merchant.senders.email.from ??
          config.notify.defaultFromEmail ??
          'updates@porchlight.example',
        name: merchant.senders.email.fromName ?? merchant.branding.displayName,
      },
      replyTo: merchant.senders.email.replyTo ?? merchant.branding.supportEmail,
      ...rendered,
      headers: {
        'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      customArgs: { notificationId: n.id },
    },
  };
}

export function outgoingSms(
  n: Notification,
  merchant: Merchant,
  message: MessageInput,
  renderer: SmsRenderer,
  firstText: boolean,
  config: Config,
): Outgoing {
  const sms = renderer.render(smsInputFor(message, firstText));
  return {
    channel: 'sms',
    sms: {
      to: n.recipient,
      body: sms.body,
      messagingServiceSid:
        merchant.senders.sms.messagingServiceSid ?? config.sms.twilio.messagingServiceSid,
      from: merchant.senders.sms.fromNumber ?? config.sms.twilio.fromNumber,
      // The notification id travels in the callback URL, so an unknown outcome can be reconciled.
      statusCallback: `${config.http.publicBaseUrl}/webhooks/twilio/status?n=${n.id}`,
      notificationId: n.id,
    },
  };
}
