import type { Config } from '../../config/config';
import type { Channel } from '../../tracking/domain/taxonomy';
import { twilioEndpoint } from '../senders/select-senders';
import type { ProviderReconciler } from './provider-reconciler';
import { SendGridReconciler } from './sendgrid-reconciler';
import { TwilioReconciler } from './twilio-reconciler';

/** The providers that can be asked, per channel: only real transports with credentials. */
export function createReconcilers(config: Config): Partial<Record<Channel, ProviderReconciler>> {
  const reconcilers: Partial<Record<Channel, ProviderReconciler>> = {};
  const { sendgrid } = config.email;
  if (config.email.transport === 'sendgrid' && sendgrid.apiKey)
    reconcilers.email = new SendGridReconciler(sendgrid.apiKey, sendgrid.apiHost);
  const { twilio } = config.sms;
  if (config.sms.transport === 'twilio' && twilio.accountSid && twilio.authToken)
    reconcilers.sms = new TwilioReconciler(
      twilio.accountSid,
      twilio.authToken,
      twilioEndpoint(config),
    );
  return reconcilers;
}
