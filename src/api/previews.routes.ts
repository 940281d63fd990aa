import type { Router } from 'express';
import type { Container } from '../app/container';
import { previewMessage, renderPreview } from '../notify/render/preview-message';
import { escapeHtml } from '../web/html';
import { currentMerchant } from './auth';
import { previewParamsSchema, previewQuerySchema } from './schemas';
import { validate } from './validate';

/** The email is shown as sent; nothing in it may run or load anything but its images. */
export const previewCsp =
  "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; sandbox";

/**
 * GET /api/v1/previews/:channel/:milestone renders a message exactly as it would be sent, with
 * sample data or one of the merchant's orders, as JSON or (Accept: text/html) as the page.
 * Nothing is stored: the links in a preview are placeholders.
 */
export function previewRoutes(
  router: Router,
  container: Pick<Container, 'repositories' | 'config' | 'carriers' | 'clock' | 'notify'>,
): void {
  router.get('/api/v1/previews/:channel/:milestone', async (req, res) => {
    const params = validate(previewParamsSchema, req.params);
    const query = validate(previewQuerySchema, req.query);
    const message = await previewMessage(container, currentMerchant(req), params.milestone, query);
    const preview = renderPreview(await container.notify.renderers, params.channel, message);
    const wantsHtml = req.accepts(['application/json', 'text/html']) === 'text/html';
    const head = { channel: params.channel, milestone: params.milestone, locale: message.locale };
    if (!wantsHtml) {
      const { channel: _c, locale: _l, ...rest } = preview;
      return void res.json({ ...head, ...rest });
    }
    res.setHeader('Content-Security-Policy', previewCsp);
    if (preview.channel === 'email') return void res.type('html').send(preview.html);
    res
      .type('html')
      .send(
        `<!doctype html><html lang="${message.locale}"><meta charset="utf-8"><title>SMS preview</title><pre style="white-space:pre-wrap;font:16px/1.4 system-ui,sans-serif;max-width:30em" dir="auto">${escapeHtml(preview.body)}</pre><p>${preview.encoding}, ${preview.segments} segment(s), ${preview.units} units</p></html>`,
      );
  });
}
