import { Router, type Request, type Response } from 'express';
import type { Container } from '../../app/container';
import { decodeCursor, encodeCursor } from '../../api/cursor';
import { AppError } from '../../shared/app-error';
import { consoleContext } from '../auth/console-session';
import { consoleActor } from '../console-actor';
import { sendConsolePage } from '../layout/console-headers';
import { consoleLayout } from '../layout/console-layout';
import { pageNotice } from '../layout/notices';
import { signedInAs } from '../layout/signed-in';
import { suppressionsMain } from './suppressions.page';

const pageSize = 50;

/** /console/suppressions: the list, and lifting one with a confirmation and a recorded reason. */
export function suppressionsRoutes(container: Container): Router {
  const { config, clock, repositories } = container;
  const router = Router();

  async function show(
    req: Request,
    res: Response,
    status = 200,
    liftError?: { id: string; message: string },
  ) {
    const context = consoleContext(res);
    const channel =
      req.query.channel === 'email' || req.query.channel === 'sms' ? req.query.channel : undefined;
    const before =
      typeof req.query.before === 'string' ? decodeCursor(req.query.before) : undefined;
    const rows = await repositories.suppressions.list(context.merchant.id, {
      limit: pageSize + 1,
      after: before && { createdAt: before.at, id: before.id },
      channel,
    });
    const shown = rows.slice(0, pageSize);
    const last = shown.at(-1);
    sendConsolePage(
      res,
      config,
      consoleLayout({
        title: 'Suppressions',
        section: 'suppressions',
        signedIn: signedInAs(context),
        notice: liftError
          ? { kind: 'error', text: 'Nothing was lifted.' }
          : pageNotice(req.query.notice),
        main: suppressionsMain({
          rows: shown,
          channel: channel ?? '',
          olderCursor:
            rows.length > pageSize && last
              ? encodeCursor({ at: last.createdAt, id: last.id })
              : null,
          csrf: context.csrf,
          now: clock.now(),
          liftError,
        }),
      }),
      status,
    );
  }

  router.get('/console/suppressions', (req, res) => show(req, res));

  router.post('/console/suppressions/:id/lift', async (req, res) => {
    const context = consoleContext(res);
    const id = req.params.id as string;
    const raw = (req.body as Record<string, unknown>).reason;
    const reason = typeof raw === 'string' ? raw.trim() : '';
    if (!reason || reason.length > 500)
      return show(req, res, 422, {
        id,
        message: 'Say why, in at most 500 characters: it goes in the audit log.',
      });
    const existing = await repositories.suppressions.findForMerchant(context.merchant.id, id);
    if (!existing) throw new AppError('not_found', 'No such suppression.');
    if (existing.global)
      throw new AppError(
        'conflict',
        'This suppression applies to every shop on the shared sender and cannot be lifted here.',
      );
    const lifted = await repositories.suppressions.liftById(context.merchant.id, id);
    if (!lifted) throw new AppError('not_found', 'No such suppression.');
    await repositories.auditLog.record({
      merchantId: context.merchant.id,
      actor: consoleActor(context.session),
      action: 'suppression.lift',
      target: id,
      before: {
        channel: lifted.channel,
        hint: lifted.hint,
        reason: lifted.reason,
        source: lifted.source,
      },
      reason,
      at: clock.now(),
    });
    res.redirect(303, '/console/suppressions?notice=lifted');
  });
  return router;
}
