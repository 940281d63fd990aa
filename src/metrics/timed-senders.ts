import type { EmailSender } from '../notify/senders/email-sender';
import type { SmsSender } from '../notify/senders/sms-sender';
import type { Metrics } from './metrics';

/** The same sender, with each provider call timed and its result counted. */
export function timedSender<S extends EmailSender | SmsSender>(
  sender: S,
  channel: 'email' | 'sms',
  metrics: Metrics,
): S {
  const send = async (message: never) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const sent = await sender.send(message);
      metrics.providerCall(channel, sender.name, seconds(), true);
      return sent;
    } catch (error) {
      metrics.providerCall(channel, sender.name, seconds(), false);
      throw error;
    }
  };
  // Everything else (a test sender's recordings too) still reads through to the sender.
  return Object.assign(Object.create(sender) as S, { send });
}
