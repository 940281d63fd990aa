import { randomUUID } from 'node:crypto';
import type { DevMessageRepository } from '../../../db/repositories/dev-message.repository';
import type { OutgoingSms, SmsSender } from '../sms-sender';

/** Records each SMS for /dev/outbox instead of sending it. */
export class LogSmsSender implements SmsSender {
  readonly name = 'log';
  constructor(private readonly messages: DevMessageRepository) {}

  async send(sms: OutgoingSms): Promise<{ providerMessageId: string }> {
    const providerMessageId = `log-${randomUUID()}`;
    await this.messages.add({
      channel: 'sms',
      to: sms.to,
      from: sms.messagingServiceSid ?? sms.from,
      text: sms.body,
      notificationId: sms.notificationId,
      providerMessageId,
    });
    return { providerMessageId };
  }
}
