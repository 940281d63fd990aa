import express, { Router } from 'express';
import type { Container } from '../../app/container';
import { AppError } from '../../shared/app-error';
import type { NotificationState } from '../notification';
import {
  sendgridPublicKey,
  sendgridSignatureHeader,
  sendgridTimestampHeader,
  verifySendgridEvent,
} from './sendgrid-signature';

interface SendGridEvent {
  event?: string;
  sg_event_id?: string;
  timestamp?: number;
  notificationId?: string;
  reason?: string;
  type?: string;
}

const sentOrLater: NotificationState[] = ['sending', 'sent', 'unknown'];

/** What each SendGrid event does (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event). */
function effect(e: SendGridEvent, at: Date) {
  switch (e.event) {
    case 'processed':
      return {
        reason: 'provider_processed',
        state: 'sent' as const,
        onlyFromStates: ['unknown', 'sending'] as NotificationState[],
      };
    case 'delivered':
      return {
        reason: 'provider_delivered',
        state: 'delivered' as const,
        onlyFromStates: sentOrLater,
        set: { deliveredAt: at, providerStatus: 'delivered' },
      };
    case 'bounce':
      return {
        reason: `provider_${e.type === 'blocked' ? 'blocked' : 'bounce'}`,
        state: 'failed' as const,
        set: { lastError: e.reason, providerStatus: 'bounce' },
        suppress: e.type !== 'blocked' ? 'hard_bounce' : undefined,
      };
    case 'dropped':
      return {
        reason: 'provider_dropped',
        state: 'failed' as const,
        set: { lastError: e.reason, providerStatus: 'dropped' },
        suppress: /bounced|unsubscribed|spam/i.test(e.reason ?? '') ? 'dropped' : undefined,
      };
    case 'spamreport':
      return { reason: 'provider_spamreport', suppress: 'spam_report' };
    case 'unsubscribe':
    case 'group_unsubscribe':
      return { reason: 'provider_unsubscribe', suppress: 'unsubscribe' };
    case 'open':
      return { reason: 'opened', set: { openedAt: at } };
    case 'click':
      return { reason: 'clicked', set: { clickedAt: at } };
    default:
      return null;
  }
}

/** SendGrid's signed Event Webhook: delivery, bounces, complaints and engagement. */
export function sendgridRoutes(
  container: Pick<Container, 'config' | 'repositories' | 'clock'>,
): Router {
  const { config, repositories, clock } = container;
  const key = config.email.sendgrid.webhookPublicKey
    ? sendgridPublicKey(config.email.sendgrid.webhookPublicKey)
    : null;
  const router = Router();
  router.post(
    '/webhooks/sendgrid/events',
    express.raw({ type: () => true, limit: '2mb' }),
    async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signed =
        key &&
        verifySendgridEvent(
          key,
          raw,
          req.header(sendgridSignatureHeader),
          req.header(sendgridTimestampHeader),
          clock.now(),
        );
      if (!signed)
        throw new AppError('forbidden', 'The SendGrid signature is missing, wrong or stale.');
      let events: SendGridEvent[];
      try {
        events = JSON.parse(raw.toString('utf8')) as SendGridEvent[];
      } catch (cause) {
        throw new AppError('bad_request', 'The body is not valid JSON.', { cause });
      }
      if (!Array.isArray(events)) throw new AppError('bad_request', 'Expected an array of events.');
      let applied = 0;
      for (const e of events) {
        if (!e.notificationId || !e.sg_event_id) continue;
        const at = e.timestamp ? new Date(e.timestamp * 1000) : clock.now();
        const what = effect(e, at);
        if (!what) continue;
        const changed = await repositories.notifications.applyProviderEvent(e.notificationId, {
          eventId: `sendgrid:${e.sg_event_id}`,
          at,
          ...what,
        });
        if (!changed) continue;
        applied++;
        if ('suppress' in what && what.suppress) {
          const n = await repositories.notifications.findById(e.notificationId);
          // Complaints and unsubscribes are about one merchant's mail; bounces about the address.
          const scope =
            what.suppress === 'hard_bounce' || what.suppress === 'dropped'
              ? ''
              : (n?.merchantId ?? '');
          if (n?.recipient)
            await repositories.suppressions.add({
              channel: 'email',
              address: n.recipient,
              merchantId: scope,
              reason: what.suppress,
              source: 'sendgrid',
            });
        }
      }
      res.json({ received: events.length, applied });
    },
  );
  return router;
}
