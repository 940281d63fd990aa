import { Router, type Request, type Response } from 'express';
import type { Container } from '../../app/container';
import { previewCsp } from '../../api/previews.routes';
import { asLocale, resolveLocale } from '../../i18n/locale';
import type { Merchant } from '../../merchants/merchant';
import { templateNames, type TemplateName } from '../../notify/render/message-input';
import { previewMessage, renderPreview } from '../../notify/render/preview-message';
import { consoleContext, type ConsoleContext } from '../auth/console-session';
import { sendConsolePage } from '../layout/console-headers';
import { consoleLayout } from '../layout/console-layout';
import { pageNotice } from '../layout/notices';
import { signedInAs } from '../layout/signed-in';
import { previewMain, type PreviewChoice } from './preview.page';

/** The merchant as the preview shows it: saved settings overlaid with the session's draft. */
export function draftMerchant(context: ConsoleContext): Merchant {
  return { ...context.merchant, ...(context.session.draft ?? {}) };
}

function choiceOf(req: Request, merchant: Merchant): PreviewChoice {
  const q = req.query;
  const milestone = templateNames.find((t) => t === q.milestone) ?? 'out_for_delivery';
  const channel = q.channel === 'sms' ? 'sms' : 'email';
  const order = typeof q.order === 'string' ? q.order.trim().slice(0, 64) : '';
  const locale = resolveLocale(
    asLocale(typeof q.locale === 'string' ? q.locale : undefined),
    merchant.preferences.defaultLocale,
  );
  return { milestone: milestone as TemplateName, channel, order, locale };
}

/** /console/preview (the page) and /console/preview/frame (the email alone, for the frames). */
export function previewConsoleRoutes(container: Container): Router {
  const { config, repositories } = container;
  const router = Router();

  async function render(res: Response, choice: PreviewChoice) {
    const merchant = draftMerchant(consoleContext(res));
    const order = choice.order
      ? await repositories.orders.findByOrderNumber(merchant.id, choice.order)
      : null;
    const message = await previewMessage(container, merchant, choice.milestone, {
      locale: choice.locale,
      orderId: order?.id,
    });
    return {
      preview: renderPreview(await container.notify.renderers, choice.channel, message),
      orderMissing: Boolean(choice.order && !order),
    };
  }

  router.get('/console/preview', async (req, res) => {
    const context = consoleContext(res);
    const choice = choiceOf(req, draftMerchant(context));
    const { preview, orderMissing } = await render(res, choice);
    sendConsolePage(
      res,
      config,
      consoleLayout({
        title: 'Preview',
        section: 'preview',
        signedIn: signedInAs(context),
        notice: pageNotice(req.query.notice),
        main: previewMain({
          choice,
          preview,
          orderMissing,
          hasDraft: Boolean(context.session.draft),
          csrf: context.csrf,
        }),
      }),
    );
  });

  router.get('/console/preview/frame', async (req, res) => {
    const choice = choiceOf(req, draftMerchant(consoleContext(res)));
    const { preview } = await render(res, { ...choice, channel: 'email' });
    // Framed by the console page only; sandboxed, so nothing in the email can run.
    res.setHeader('Content-Security-Policy', `${previewCsp}; frame-ancestors 'self'`);
    res.type('html').send(preview.channel === 'email' ? preview.html : '');
  });

  router.post('/console/preview/discard', async (_req, res) => {
    await repositories.consoleSessions.saveDraft(consoleContext(res).session.id, null);
    res.redirect(303, '/console/preview?notice=discarded');
  });
  return router;
}
