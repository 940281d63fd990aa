import type { EmailSender, OutgoingEmail } from '../../src/notify/senders/email-sender';
import { SendError } from '../../src/notify/senders/send-error';
import type { OutgoingSms, SmsSender } from '../../src/notify/senders/sms-sender';

/** Records what would be sent; `failWith` makes the next sends throw (one error per call). */
export class RecordingEmailSender implements EmailSender {
  readonly name = 'recording';
  readonly sent: OutgoingEmail[] = [];
  readonly failWith: Error[] = [];
  async send(email: OutgoingEmail) {
    const failure = this.failWith.shift();
    if (failure) throw failure;
    this.sent.push(email);
    return { providerMessageId: `email-${this.sent.length}` };
  }
}

export class RecordingSmsSender implements SmsSender {
  readonly name = 'recording';
  readonly sent: OutgoingSms[] = [];
  readonly failWith: Error[] = [];
  async send(sms: OutgoingSms) {
    const failure = this.failWith.shift();
    if (failure) throw failure;
    this.sent.push(sms);
    return { providerMessageId: `SM${this.sent.length}` };
  }
}

export const transient = (code = '503') =>
  new SendError('transient', 'provider unavailable', { providerCode: code });
export const permanent = (code: string, suppress = true) =>
  new SendError('permanent', `provider refused: ${code}`, { providerCode: code, suppress });
