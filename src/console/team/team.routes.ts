import { Router, type Response } from 'express';
import type { Container } from '../../app/container';
import { consoleEmailSchema } from '../auth/console-email';
import { decodeCursor, encodeCursor } from '../../api/cursor';
import { AppError } from '../../shared/app-error';
import { consoleContext } from '../auth/console-session';
import { consoleActor } from '../console-actor';
import { sendConsolePage } from '../layout/console-headers';
import { consoleLayout, type ConsoleLayoutInput } from '../layout/console-layout';
import { pageNotice } from '../layout/notices';
import { signedInAs } from '../layout/signed-in';
import { teamMain } from './team.page';

const auditPage = 50;

/** /console/team: users and invitations, the user's own sessions, and the audit log. */
export function teamRoutes(container: Container): Router {
  const { config, clock, repositories } = container;
  const router = Router();

  async function show(
    res: Response,
    options: {
      before?: unknown;
      errors?: Map<string, string>;
      email?: string;
      status?: number;
      notice?: ConsoleLayoutInput['notice'];
    } = {},
  ) {
    const context = consoleContext(res);
    const now = clock.now();
    const after = typeof options.before === 'string' ? decodeCursor(options.before) : undefined;
    const [users, sessions, audit] = await Promise.all([
      repositories.consoleUsers.listForMerchant(context.merchant.id),
      repositories.consoleSessions.listLive(context.session.userId, now),
      repositories.auditLog.page(context.merchant.id, auditPage + 1, after),
    ]);
    const shown = audit.slice(0, auditPage);
    const last = shown.at(-1);
    sendConsolePage(
      res,
      config,
      consoleLayout({
        title: 'Team & audit',
        section: 'team',
        signedIn: signedInAs(context),
        notice: options.notice,
        main: teamMain({
          users,
          sessions,
          currentSessionId: context.session.id,
          audit: shown,
          olderCursor:
            audit.length > auditPage && last ? encodeCursor({ at: last.at, id: last.id }) : null,
          csrf: context.csrf,
          now,
          errors: options.errors ?? new Map(),
          email: options.email,
        }),
      }),
      options.status ?? 200,
    );
  }

  router.get('/console/team', (req, res) =>
    show(res, { before: req.query.before, notice: pageNotice(req.query.notice) }),
  );

  router.post('/console/team/invite', async (req, res) => {
    const context = consoleContext(res);
    const raw = (req.body as Record<string, unknown>).email;
    const email = consoleEmailSchema.safeParse(raw);
    if (!email.success)
      return show(res, {
        errors: new Map([['invite-email', 'Enter an email address like name@example.com.']]),
        email: typeof raw === 'string' ? raw.slice(0, 254) : '',
        status: 422,
        notice: { kind: 'error', text: 'Nobody was invited.' },
      });
    const { user, created } = await repositories.consoleUsers.invite(
      context.merchant.id,
      email.data,
      context.session.email,
    );
    await container.console.signIn.sendLink(user, 'invitation');
    if (created)
      await repositories.auditLog.record({
        merchantId: context.merchant.id,
        actor: consoleActor(context.session),
        action: 'user.invite',
        target: user.id,
        after: { email: user.email },
        at: clock.now(),
      });
    res.redirect(303, '/console/team?notice=invited');
  });

  router.post('/console/team/sessions/:id/revoke', async (req, res) => {
    const context = consoleContext(res);
    if (
      !(await repositories.consoleSessions.revoke(
        context.session.userId,
        req.params.id,
        clock.now(),
      ))
    )
      throw new AppError('not_found', 'No such session.');
    await repositories.auditLog.record({
      merchantId: context.merchant.id,
      actor: consoleActor(context.session),
      action: 'session.revoke',
      target: req.params.id,
      at: clock.now(),
    });
    res.redirect(303, '/console/team?notice=revoked');
  });
  return router;
}
