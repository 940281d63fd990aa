import { randomUUID } from 'node:crypto';
import type { DevMessageRepository } from '../../../db/repositories/dev-message.repository';
import type { EmailSender, OutgoingEmail } from '../email-sender';

/** Records each email for /dev/outbox instead of sending it. */
export class LogEmailSender implements EmailSender {
  readonly name = 'log';
  constructor(private readonly messages: DevMessageRepository) {}

  async send(email: OutgoingEmail): Promise<{ providerMessageId: string }> {
    const providerMessageId = `log-${randomUUID()}`;
    await this.messages.add({
      channel: 'email',
      to: email.to,
      from: email.from.name ? `${email.from.name} <${email.from.email}>` : email.from.email,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: {
        ...(email.replyTo ? { 'Reply-To': email.replyTo } : {}),
        ...email.headers,
        ...(email.categories?.length ? { 'X-Categories': email.categories.join(', ') } : {}),
      },
      notificationId: email.customArgs?.notificationId,
      providerMessageId,
    });
    return { providerMessageId };
  }
}
