import type { Merchant } from '../../merchants/merchant';
import type { Notification, NotificationHistoryEntry } from '../../notify/notification';
import type { Order } from '../../orders/order';
import type { Channel } from '../../tracking/domain/taxonomy';

const reasons: Record<string, string> = {
  created: 'Planned when the milestone was reached',
  quiet_hours: "Held for the guest's quiet hours",
  deferred_quiet_hours: "Held for the guest's quiet hours",
  daily_cap: 'Held: the daily cap for this parcel was reached',
  deferred_daily_cap: 'Held: the daily cap for this parcel was reached',
  throughput_limit: "Waited a second for the provider's sending rate",
  merchant_preferences: 'Not sent: this milestone is turned off for this channel in your settings',
  guest_stopped: 'Not sent: the guest stopped all updates for this order',
  guest_channel_off: 'Not sent: the guest turned this channel off',
  guest_key_milestones_only: 'Not sent: the guest asked for key updates only',
  no_sms_consent: 'Not sent: the guest did not agree to texts at checkout',
  suppressed: 'Not sent: the address is suppressed (unsubscribe, STOP, bounce or spam report)',
  stale: 'Not sent: the parcel had moved on by the time it could go out',
  order_erased: "Not sent: the guest's data was erased",
  order_cancelled: 'Not sent: the order was cancelled',
  render_failed: 'Retried: the message could not be rendered',
  retry_scheduled: 'Retried: the provider had a temporary problem',
  retries_exhausted: 'Failed: the provider kept refusing it',
  outcome_unknown: 'The send was interrupted; checking with the provider',
  reconciled_sent: 'The provider confirmed it had the message',
  reconciled_not_sent: 'The provider never got it; sent again',
};

/** One history line in words, keeping the provider's own error text. */
export function describeHistory(entry: NotificationHistoryEntry): string {
  const reason = entry.reason ?? '';
  const text =
    reasons[reason] ??
    (reason.startsWith('provider:')
      ? `Provider reported ${reason.slice('provider:'.length)}`
      : `${entry.state}${reason ? `: ${reason.replace(/_/g, ' ')}` : ''}`);
  return entry.detail ? `${text} (${entry.detail})` : text;
}

/** Where the notification is now, in one sentence. */
export function currentOutcome(n: Notification, now: Date): string {
  switch (n.state) {
    case 'pending':
      return n.notBefore > now
        ? `Waiting until ${n.notBefore.toISOString().slice(0, 16).replace('T', ' ')} UTC`
        : 'About to be sent';
    case 'sending':
      return 'Being handed to the provider';
    case 'sent':
      return 'Accepted by the provider';
    case 'delivered':
      return n.openedAt ? 'Delivered and opened' : 'Delivered';
    case 'failed':
      return `Failed${n.lastError ? `: ${n.lastError}` : ''}`;
    case 'skipped':
      return describeHistory(n.history.at(-1) ?? { at: n.updatedAt, state: 'skipped' });
    case 'unknown':
      return 'Interrupted mid-send; being confirmed with the provider';
  }
}

/**
 * Why a guest would not get messages on a channel at all, from the order and the settings:
 * what support needs before reading individual messages.
 */
export function channelBlockers(
  order: Order,
  merchant: Merchant,
  channel: Channel,
  suppressed: boolean,
): string[] {
  const out: string[] = [];
  const guest = order.guest;
  if (order.erasedAt) out.push("The guest's data was erased; nothing more is sent.");
  if (order.cancelledAt) out.push('The order was cancelled; nothing more is sent.');
  if (channel === 'sms' && !guest.phone) out.push('No phone number on this order.');
  if (channel === 'email' && !guest.email) out.push('No email address on this order.');
  if (channel === 'sms' && merchant.preferences.smsRequiresConsent && !guest.consent.sms?.granted)
    out.push('The guest did not agree to texts at checkout, and your settings require it.');
  if (guest.preferences.stopped) out.push('The guest stopped all updates for this order.');
  else if (!guest.preferences.channels[channel])
    out.push(`The guest turned ${channel === 'sms' ? 'texts' : 'emails'} off.`);
  if (suppressed)
    out.push(
      channel === 'sms'
        ? 'This number is suppressed (STOP or a carrier block).'
        : 'This address is suppressed (unsubscribe, bounce or spam report).',
    );
  const enabled = Object.values(merchant.preferences.matrix).some((row) => row[channel]);
  if (!enabled)
    out.push(
      `Every milestone is turned off for ${channel === 'sms' ? 'SMS' : 'email'} in your settings.`,
    );
  return out;
}
