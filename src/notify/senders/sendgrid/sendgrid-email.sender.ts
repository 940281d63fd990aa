import { MailService } from '@sendgrid/mail';
import { createSendGridClient } from './sendgrid-client';
import type { EmailSender, OutgoingEmail } from '../email-sender';
import { classifyNetworkError, retryAfterMs } from '../network-error';
import { SendError } from '../send-error';

interface SendGridError {
  code?: number | string;
  response?: {
    headers?: Record<string, unknown>;
    body?: { errors?: Array<{ message?: string; field?: string | null }> };
  };
}

/** Fields whose 400 errors mean the recipient address itself is unusable. */
const addressFields = /^personalizations\.\d+\.to|^to$/;

/** Maps a SendGrid failure to our kinds (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send#responses). */
export function classifySendGridError(error: unknown): SendError {
  const e = error as SendGridError;
  const status = typeof e.code === 'number' ? e.code : undefined;
  if (status === undefined) return classifyNetworkError(error, 'SendGrid');
  const errors = e.response?.body?.errors ?? [];
  const text =
    errors
      .map((x) => x.message)
      .filter(Boolean)
      .join('; ') || `HTTP ${status}`;
  if (status === 429)
    return new SendError('transient', text, {
      providerCode: '429',
      retryAfterMs: retryAfterMs(e.response?.headers?.['retry-after']),
    });
  if (status >= 500) return new SendError('transient', text, { providerCode: String(status) });
  if (status === 400 && errors.some((x) => x.field && addressFields.test(x.field))) {
    return new SendError('permanent', text, { providerCode: '400:to', suppress: true });
  }
  // 401/403 are our configuration, not the guest's address: fail without suppressing anyone.
  return new SendError('permanent', text, { providerCode: String(status), suppress: false });
}

/** Email through SendGrid's v3 Mail Send API via @sendgrid/mail. */
export class SendGridEmailSender implements EmailSender {
  readonly name = 'sendgrid';
  private readonly client = new MailService();

  /** `apiHost` is the API origin: https://api.sendgrid.com, or https://api.eu.sendgrid.com. */
  constructor(apiKey: string, apiHost?: string, timeoutMs = 15_000) {
    this.client.setClient(createSendGridClient(apiKey, apiHost, timeoutMs));
  }

  async send(email: OutgoingEmail): Promise<{ providerMessageId: string }> {
    try {
      const [response] = await this.client.send({
        to: email.to,
        from: email.from,
        replyTo: email.replyTo,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
        customArgs: email.customArgs,
        categories: email.categories,
        // The private status link must reach the guest as written, not through a tracking domain.
        trackingSettings: {
          clickTracking: { enable: false, enableText: false },
          subscriptionTracking: { enable: false },
        },
      });
      const id = response.headers['x-message-id'];
      return {
        providerMessageId:
          typeof id === 'string' && id
            ? id
            : `sendgrid-${email.customArgs?.notificationId ?? 'unknown'}`,
      };
    } catch (error) {
      throw classifySendGridError(error);
    }
  }
}
