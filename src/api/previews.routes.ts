import type { Router } from 'express';
import type { Container } from '../app/container';
import { resolveLocale } from '../i18n/locale';
import { buildMessageInput } from '../notify/render/build-message-input';
import type { MessageInput } from '../notify/render/message-input';
import { sampleMessage } from '../notify/render/sample-message';
import { smsInputFor } from '../notify/render/sms-renderer';
import { AppError } from '../shared/app-error';
import { escapeHtml } from '../web/html';
import { currentMerchant } from './auth';
import { previewParamsSchema, previewQuerySchema } from './schemas';
import { validate } from './validate';

/** The email is shown as sent; nothing in it may run or load anything but its images. */
const previewCsp = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; sandbox";

/**
 * GET /api/v1/previews/:channel/:milestone renders a message exactly as it would be sent, with
 * sample data or one of the merchant's orders, as JSON or (Accept: text/html) as the page.
 * Nothing is stored: the links in a preview are placeholders.
 */
export function previewRoutes(
  router: Router,
  container: Pick<Container, 'repositories' | 'config' | 'carriers' | 'clock' | 'notify'>,
): void {
  const { repositories, config, carriers, clock } = container;
  const base = config.http.publicBaseUrl;

  async function messageFor(
    merchant: ReturnType<typeof currentMerchant>,
    template: MessageInput['template'],
    query: ReturnType<typeof previewQuerySchema.parse>,
  ): Promise<MessageInput> {
    if (!query.orderId) {
      const locale = resolveLocale(query.locale, merchant.preferences.defaultLocale);
      return sampleMessage(merchant, template, locale, base, clock.now());
    }
    const order = await repositories.orders.findForMerchant(merchant.id, query.orderId);
    if (!order) throw new AppError('not_found', 'No such order.');
    const shipments = await repositories.shipments.findByOrder(order.id);
    return buildMessageInput(
      { template, locale: query.locale },
      order,
      merchant,
      shipments.slice(0, 1),
      shipments,
      (code) => carriers.get(code),
      { statusUrl: `${base}/t/preview`, unsubscribeUrl: `${base}/u/preview` },
    );
  }

  router.get('/api/v1/previews/:channel/:milestone', async (req, res) => {
    const params = validate(previewParamsSchema, req.params);
    const query = validate(previewQuerySchema, req.query);
    const merchant = currentMerchant(req);
    const message = await messageFor(merchant, params.milestone, query);
    const renderers = await container.notify.renderers;
    const wantsHtml = req.accepts(['application/json', 'text/html']) === 'text/html';
    const head = { channel: params.channel, milestone: params.milestone, locale: message.locale };
    if (params.channel === 'email') {
      const email = renderers.email.render(message);
      if (wantsHtml) {
        res.setHeader('Content-Security-Policy', previewCsp);
        return void res.type('html').send(email.html);
      }
      return void res.json({ ...head, subject: email.subject, html: email.html, text: email.text });
    }
    const sms = renderers.sms.render(smsInputFor(message, true));
    if (wantsHtml) {
      res.setHeader('Content-Security-Policy', previewCsp);
      return void res
        .type('html')
        .send(
          `<!doctype html><html lang="${message.locale}"><meta charset="utf-8"><title>SMS preview</title><pre style="white-space:pre-wrap;font:16px/1.4 system-ui,sans-serif;max-width:30em" dir="auto">${escapeHtml(sms.body)}</pre><p>${sms.segments.encoding}, ${sms.segments.segments} segment(s), ${sms.segments.units} units</p></html>`,
        );
    }
    res.json({ ...head, body: sms.body, ...sms.segments });
  });
}
