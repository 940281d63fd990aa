import type { Config } from '../../config/config';
import type { DevMessageRepository } from '../../db/repositories/dev-message.repository';
import type { EmailSender } from './email-sender';
import { LogEmailSender } from './log/log-email.sender';
import { LogSmsSender } from './log/log-sms.sender';
import { SendGridEmailSender } from './sendgrid/sendgrid-email.sender';
import { TwilioSmsSender } from './twilio/twilio-sms.sender';
import type { SmsSender } from './sms-sender';
import type { TwilioEndpoint } from './twilio/twilio-client';

/** Where configuration says the Twilio API is reached. */
export function twilioEndpoint(config: Config): TwilioEndpoint {
  const { region, edge, apiBaseUrl } = config.sms.twilio;
  return { region, edge, apiBaseUrl };
}

/** Picks the email provider named by EMAIL_TRANSPORT. */
export function createEmailSender(config: Config, devMessages: DevMessageRepository): EmailSender {
  switch (config.email.transport) {
    case 'log':
      return new LogEmailSender(devMessages);
    case 'sendgrid':
      // loadConfig guarantees the key is present with this transport.
      return new SendGridEmailSender(
        config.email.sendgrid.apiKey as string,
        config.email.sendgrid.apiHost,
      );
  }
}

/** Picks the SMS provider named by SMS_TRANSPORT. */
export function createSmsSender(config: Config, devMessages: DevMessageRepository): SmsSender {
  switch (config.sms.transport) {
    case 'log':
      return new LogSmsSender(devMessages);
    case 'twilio':
      return new TwilioSmsSender(
        config.sms.twilio.accountSid as string,
        config.sms.twilio.authToken as string,
        twilioEndpoint(config),
      );
  }
}
