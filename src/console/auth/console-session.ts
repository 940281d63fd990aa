import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Config } from '../../config/config';
import type { ConsoleSessionRepository } from '../../db/repositories/console-session.repository';
import type { MerchantRepository } from '../../db/repositories/merchant.repository';
import type { Merchant } from '../../merchants/merchant';
import type { Clock } from '../../shared/clock';
import { readCookie } from '../../web/read-cookie';
import { sessionIsLive, touchEveryMs, type ConsoleSession } from '../console-user';
import {
  consoleCsrfToken,
  consoleCsrfValid,
  consoleTokenPattern,
  hashConsoleToken,
} from './console-tokens';

/** What every signed-in console handler works with. */
export interface ConsoleContext {
  session: ConsoleSession;
  merchant: Merchant;
  /** The value of the `_csrf` field every form of this session carries. */
  csrf: string;
}

/** `__Host-` pins the cookie to this origin over HTTPS, with no Domain and Path=/. */
export function sessionCookieName(config: Config): string {
  return config.production ? '__Host-pl_console' : 'pl_console';
}

/** Secure wherever the console is served over HTTPS (always in production). */
export function sessionCookieSecure(config: Config): boolean {
  return config.production || config.http.publicBaseUrl.startsWith('https:');
}

export function setSessionCookie(res: Response, config: Config, value: string): void {
  res.cookie(sessionCookieName(config), value, {
    httpOnly: true,
    secure: sessionCookieSecure(config),
    sameSite: 'lax',
    path: '/',
    maxAge: config.console.sessionMaxMs,
  });
}

export function clearSessionCookie(res: Response, config: Config): void {
  res.clearCookie(sessionCookieName(config), {
    httpOnly: true,
    secure: sessionCookieSecure(config),
    sameSite: 'lax',
    path: '/',
  });
}

export function consoleContext(res: Response): ConsoleContext {
  const context = res.locals.console as ConsoleContext | undefined;
  if (!context) throw new Error('console route mounted without requireConsoleSession');
  return context;
}

/**
 * Loads the session named by the cookie. Without a live one, pages go to sign-in (keeping where
 * the user was going); every POST must carry this session's CSRF field.
 */
export function requireConsoleSession(deps: {
  config: Config;
  clock: Clock;
  sessions: ConsoleSessionRepository;
  merchants: MerchantRepository;
}): RequestHandler {
  const { config, clock, sessions, merchants } = deps;
  const policy = { idleMs: config.console.idleMs };
  const toSignIn = (req: Request, res: Response, reason: string) => {
    const next = req.method === 'GET' ? `&next=${encodeURIComponent(req.originalUrl)}` : '';
    res.redirect(303, `/console/sign-in?reason=${reason}${next}`);
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    const value = readCookie(req, sessionCookieName(config), consoleTokenPattern);
    const session = value ? await sessions.findByTokenHash(hashConsoleToken(value)) : null;
    const now = clock.now();
    if (!session || !sessionIsLive(session, policy, now)) {
      if (session) clearSessionCookie(res, config);
      return toSignIn(req, res, session ? 'expired' : 'signed-out');
    }
    const merchant = await merchants.findById(session.merchantId);
    if (!merchant) return toSignIn(req, res, 'signed-out');
    if (now.getTime() - session.lastSeenAt.getTime() >= touchEveryMs)
      await sessions.touch(session.id, now);
    const csrf = consoleCsrfToken(config.security.tokenSecret, session.id);
    if (req.method === 'POST') {
      const field = (req.body as Record<string, unknown> | undefined)?._csrf;
      if (!consoleCsrfValid(config.security.tokenSecret, session.id, field)) {
        res
          .status(403)
          .type('text')
          .send('This form has expired. Go back, reload the page and try again.');
        return;
      }
    }
    res.locals.console = { session, merchant, csrf } satisfies ConsoleContext;
    next();
  };
}
