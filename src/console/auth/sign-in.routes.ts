import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { Container } from '../../app/container';
import { consoleEmailSchema } from './console-email';
import { secondsUntil } from '../../shared/failure-limiter';
import { CsrfGuard } from '../../web/csrf';
import { clientKey } from '../../web/miss-limiter';
import { sendConsolePage } from '../layout/console-headers';
import {
  clearSessionCookie,
  consoleContext,
  requireConsoleSession,
  setSessionCookie,
} from './console-session';
import { consoleTokenPattern } from './console-tokens';
import { checkEmailPage, confirmLinkPage, signInPage } from './sign-in.page';

const windowMs = 15 * 60_000;

/** Only paths inside the console: `next` must never send a fresh session to another site. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' &&
    /^\/console(\/[\w\-./?=&%]*)?$/.test(value) &&
    !value.includes('//')
    ? value
    : '/console';
}

/** /console/sign-in (ask for a link), /console/sign-in/:token (use it), /console/sign-out. */
export function signInRoutes(container: Container): Router {
  const { config, clock, repositories } = container;
  const signIn = container.console.signIn;
  const router = Router();
  const csrf = new CsrfGuard(config);
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const demoOutbox = config.demo && !config.production;

  router.get('/console/sign-in', (req, res) => {
    sendConsolePage(
      res,
      config,
      signInPage({
        csrf: csrf.issue(req, res),
        reason: typeof req.query.reason === 'string' ? req.query.reason : undefined,
        next: safeNext(req.query.next),
      }),
    );
  });

  /** Counts this request per client and per address; seconds to wait when over the limit. */
  async function refusedFor(req: Request, email: string): Promise<number> {
    const now = clock.now();
    const hashed = createHash('sha256').update(email).digest('hex').slice(0, 32);
    // One office behind one address may hold a whole team: it gets ten addresses' worth.
    const limit = config.console.signInLimit;
    const [client, address] = await Promise.all([
      repositories.rateWindows.hit(`console-sign-in-client:${clientKey(req)}`, windowMs, now),
      repositories.rateWindows.hit(`console-sign-in-email:${hashed}`, windowMs, now),
    ]);
    const over = [
      ...(client.count > limit * 10 ? [client] : []),
      ...(address.count > limit ? [address] : []),
    ];
    return over.length ? Math.max(...over.map((c) => secondsUntil(c.resetAt, now))) : 0;
  }

  router.post('/console/sign-in', form, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const next = safeNext(body.next);
    if (!csrf.verify(req))
      return sendConsolePage(
        res,
        config,
        signInPage({
          csrf: csrf.issue(req, res),
          next,
          error: 'The form expired. Please try again.',
        }),
        403,
      );
    const email = consoleEmailSchema.safeParse(body.email);
    if (!email.success)
      return sendConsolePage(
        res,
        config,
        signInPage({
          csrf: csrf.issue(req, res),
          next,
          email: typeof body.email === 'string' ? body.email.slice(0, 254) : '',
          error: 'Enter the email address you were invited with, like name@example.com.',
        }),
        422,
      );
    const wait = await refusedFor(req, email.data);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return sendConsolePage(
        res,
        config,
        signInPage({
          csrf: csrf.issue(req, res),
          next,
          error: `Too many sign-in requests. Try again in ${Math.ceil(wait / 60)} minutes.`,
        }),
        429,
      );
    }
    await signIn.sendLinks(email.data);
    sendConsolePage(res, config, checkEmailPage({ demoOutbox }));
  });

  router.get('/console/sign-in/:token', (req, res) => {
    const token = req.params.token;
    if (!consoleTokenPattern.test(token))
      return res.redirect(303, '/console/sign-in?reason=invalid-link');
    sendConsolePage(
      res,
      config,
      confirmLinkPage({ csrf: csrf.issue(req, res), token, next: safeNext(req.query.next) }),
    );
  });

  router.post('/console/sign-in/:token', form, async (req, res) => {
    const token = req.params.token as string;
    if (!csrf.verify(req) || !consoleTokenPattern.test(token))
      return res.redirect(303, `/console/sign-in?reason=invalid-link`);
    const result = await signIn.exchange(token);
    if (!result) return res.redirect(303, '/console/sign-in?reason=invalid-link');
    setSessionCookie(res, config, result.cookie);
    res.redirect(303, safeNext((req.body as Record<string, unknown>).next));
  });

  router.post(
    '/console/sign-out',
    form,
    requireConsoleSession({
      config,
      clock,
      sessions: repositories.consoleSessions,
      merchants: repositories.merchants,
    }),
    async (_req, res: Response) => {
      const { session } = consoleContext(res);
      await repositories.consoleSessions.revoke(session.userId, session.id, clock.now());
      clearSessionCookie(res, config);
      res.redirect(303, '/console/sign-in?reason=signed-out');
    },
  );
  return router;
}
