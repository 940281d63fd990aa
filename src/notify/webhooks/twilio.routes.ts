import express, { Router } from 'express';
import type { Container } from '../../app/container';
import { escapeHtml } from '../../web/html';
import { requireTwilioSignature } from './twilio-signature';

const stopWords = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const startWords = new Set(['START', 'UNSTOP', 'YES']);
const helpWords = new Set(['HELP', 'INFO']);

/** Delivery states ranked, so a late `sent` never overwrites `delivered`. */
const statusRank: Record<string, number> = {
  queued: 0,
  accepted: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
  read: 4,
};
/** Error codes that mean the number cannot receive texts (https://www.twilio.com/docs/api/errors). */
const undeliverableCodes = new Set(['30003', '30005', '30006', '21610', '21614']);

function twiml(message?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${message ? `<Message>${escapeHtml(message)}</Message>` : ''}</Response>`;
}

/** Twilio webhooks: replies to the guest's keywords, and delivery status callbacks. */
export function twilioRoutes(
  container: Pick<Container, 'config' | 'repositories' | 'clock'>,
): Router {
  const { config, repositories, clock } = container;
  const router = Router();
  const verify = requireTwilioSignature(config.sms.twilio.authToken, config.http.publicBaseUrl);
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  router.post('/webhooks/twilio/inbound', form, verify, async (req, res) => {
    const from = String(req.body.From ?? '');
    const keyword = String(req.body.Body ?? '')
      .trim()
      .toUpperCase();
    res.type('text/xml');
    if (stopWords.has(keyword)) {
      // Twilio's own opt-out handling confirms to the guest; we record it so nothing is attempted.
      await repositories.suppressions.add({
        channel: 'sms',
        address: from,
        merchantId: '',
        reason: 'stop',
        source: 'twilio_inbound',
      });
      return void res.send(twiml());
    }
    if (startWords.has(keyword)) {
      await repositories.suppressions.remove('sms', from, '');
      return void res.send(twiml());
    }
    if (helpWords.has(keyword)) {
      const last = await repositories.notifications.latestSmsTo(from);
      const merchant = last ? await repositories.merchants.findById(last.merchantId) : null;
      const support = merchant
        ? [merchant.branding.supportEmail, merchant.branding.supportUrl].filter(Boolean).join(' ')
        : '';
      const name = merchant?.branding.displayName ?? 'Porchlight';
      return void res.send(
        twiml(
          `${name} order updates. Help: ${support || 'reply to your order email'}. Reply STOP to opt out.`,
        ),
      );
    }
    res.send(twiml());
  });

  router.post('/webhooks/twilio/status', form, verify, async (req, res) => {
    const id = typeof req.query.n === 'string' ? req.query.n : '';
    const sid = String(req.body.MessageSid ?? '');
    const status = String(req.body.MessageStatus ?? '');
    const errorCode = req.body.ErrorCode ? String(req.body.ErrorCode) : undefined;
    const notification = id
      ? await repositories.notifications.findById(id)
      : await repositories.notifications.findByProviderMessageId(sid);
    if (!notification || !(status in statusRank)) return void res.status(204).end();
    const current = statusRank[notification.providerStatus ?? ''] ?? -1;
    if ((statusRank[status] ?? 0) <= current) return void res.status(204).end();
    const at = clock.now();
    const failed = status === 'undelivered' || status === 'failed';
    const state = failed
      ? 'failed'
      : status === 'delivered' || status === 'read'
        ? 'delivered'
        : 'sent';
    await repositories.notifications.applyProviderEvent(notification.id, {
      eventId: `twilio:${sid}:${status}`,
      at,
      reason: failed ? `provider:${errorCode ?? status}` : `provider_${status}`,
      state,
      set: {
        providerStatus: status,
        providerMessageId: sid || notification.providerMessageId,
        ...(state === 'delivered' ? { deliveredAt: at } : {}),
      },
    });
    if (failed && errorCode && undeliverableCodes.has(errorCode)) {
      await repositories.suppressions.add({
        channel: 'sms',
        address: notification.recipient,
        merchantId: '',
        reason: `provider:${errorCode}`,
        source: 'twilio_status',
      });
    }
    res.status(204).end();
  });
  return router;
}
