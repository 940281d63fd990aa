import type twilio from 'twilio';
import { classifyNetworkError } from '../network-error';
import { SendError } from '../send-error';
import type { OutgoingSms, SmsSender } from '../sms-sender';
import { createTwilioClient, type TwilioEndpoint } from './twilio-client';

/**
 * Twilio error codes that will never succeed for this number (https://www.twilio.com/docs/api/errors);
 * the value says whether the number should be suppressed.
 */
const permanentCodes: Record<number, boolean> = {
  21211: true, // invalid 'To' phone number
  21610: true, // recipient replied STOP
  21612: false, // cannot route to this number from this sender
  21614: true, // not a mobile number
  21408: false, // region not enabled on the account
  30004: true, // message blocked
  30005: true, // unknown destination handset
  30006: true, // landline or unreachable carrier
};

interface TwilioError {
  status?: number;
  code?: number;
}

export function classifyTwilioError(error: unknown): SendError {
  const e = error as TwilioError;
  if (typeof e.status !== 'number') return classifyNetworkError(error, 'Twilio');
  const message = (error as Error).message || `HTTP ${e.status}`;
  const code = typeof e.code === 'number' ? e.code : undefined;
  if (code !== undefined && code in permanentCodes) {
    return new SendError('permanent', message, {
      providerCode: String(code),
      suppress: permanentCodes[code],
    });
  }
  if (e.status === 429 || e.status >= 500)
    return new SendError('transient', message, { providerCode: String(code ?? e.status) });
  return new SendError('permanent', message, {
    providerCode: String(code ?? e.status),
    suppress: false,
  });
}

/** SMS through Twilio's Messages API via the twilio SDK. */
export class TwilioSmsSender implements SmsSender {
  readonly name = 'twilio';
  private readonly client: twilio.Twilio;

  constructor(
    accountSid: string,
    authToken: string,
    endpoint: TwilioEndpoint = {},
    timeoutMs = 15_000,
  ) {
    this.client = createTwilioClient(accountSid, authToken, endpoint, timeoutMs);
  }

  async send(sms: OutgoingSms): Promise<{ providerMessageId: string }> {
    if (!sms.messagingServiceSid && !sms.from)
      throw new SendError('permanent', 'No Twilio sender configured', { suppress: false });
    try {
      const message = await this.client.messages.create({
        to: sms.to,
        body: sms.body,
        ...(sms.messagingServiceSid
          ? { messagingServiceSid: sms.messagingServiceSid }
          : { from: sms.from as string }),
        ...(sms.statusCallback ? { statusCallback: sms.statusCallback } : {}),
      });
      return { providerMessageId: message.sid };
    } catch (error) {
      throw classifyTwilioError(error);
    }
  }
}
