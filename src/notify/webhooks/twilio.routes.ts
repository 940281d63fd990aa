import express, { Router } from 'express';
import type { Container } from '../../app/container';
import { escapeHtml } from '../../web/html';
import { smsKeyword } from '../domain/sms-keywords';
import { requireTwilioSignature } from './twilio-signature';

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

  /**
   * Opt-outs are per merchant when the text reached a merchant's own number or Messaging
   * Service, and for every merchant on the shared sender otherwise: the guest cannot tell
   * shops apart on one number, and Twilio blocks that number for all of them anyway.
   */
  router.post('/webhooks/twilio/inbound', form, verify, async (req, res) => {
    const from = String(req.body.From ?? '');
    const keyword = smsKeyword(String(req.body.Body ?? ''));
    const owner = await repositories.merchants.findBySmsSender(
      String(req.body.To ?? ''),
      req.body.MessagingServiceSid ? String(req.body.MessagingServiceSid) : undefined,
    );
    const merchantId = owner?.id ?? '';
    res.type('text/xml');
    if (keyword === 'stop') {
      // Twilio's own opt-out handling confirms to the guest; we record it so nothing is attempted.
      await repositories.suppressions.add({
        channel: 'sms',
        address: from,
        merchantId,
        reason: 'stop',
        source: 'twilio_inbound',
      });
      return void res.send(twiml());
    }
    if (keyword === 'start') {
      await repositories.suppressions.remove('sms', from, merchantId);
      return void res.send(twiml());
    }
    if (keyword === 'help') {
      const last = owner ? null : await repositories.notifications.latestSmsTo(from);
      const merchant =
        owner ?? (last ? await repositories.merchants.findById(last.merchantId) : null);
      const support = merchant
        ? [merchant.branding.supportEmail, merchant.branding.supportUrl].filter(Boolean).join(' ')
        : '';
      const name = merchant?.branding.displayName ?? 'Porchlight';
      return void res.send(
        twiml(
          `${name} order updates. Help: ${support || 'reply to your order email'}. Msg & data rates may apply. Reply STOP to opt out.`,
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
