import type { Request, Response } from 'express';
import type { Config } from '../config/config';
import type { RateWindowRepository } from '../db/repositories/rate-window.repository';
import { AppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { FailureLimiter } from '../shared/failure-limiter';
import { sendPage } from './guest-headers';
import { guestLocale, wantsJson } from './guest-locale';
import { MissLimiter } from './miss-limiter';
import { tooManyPage } from './pages/guest-pages.page';

const windowMs = 15 * 60_000;

/** The 429 answer: an HTML page for people, the standard JSON error for the JSON view. */
export function sendTooMany(
  config: Config,
  req: Request,
  res: Response,
  retryAfterSeconds: number,
): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  if (req.path.endsWith('.json') || wantsJson(req)) {
    const error = new AppError('rate_limited', 'Too many requests.');
    res.status(429).json({ error: { code: error.code, message: error.message, fields: [] } });
    return;
  }
  sendPage(res, config, tooManyPage(guestLocale(req), req.path), 429);
}

/**
 * Misses (unknown, expired or revoked links) per client. A valid link is answered before the
 * count is read, so a guest behind an address that guessed badly still sees their page.
 */
export function statusMissLimiter(config: Config): MissLimiter {
  return new MissLimiter({
    limit: config.guestPages.missLimit,
    windowMs,
    refuse: (req, res, retryAfter) => sendTooMany(config, req, res, retryAfter),
  });
}

/**
 * Failed lookups per client address and per order number (from anywhere), counted across
 * every web instance. Only failures count: a correct lookup never uses up a try.
 */
export function lookupFailureLimiters(
  config: Config,
  windows: RateWindowRepository,
  clock: Clock,
): { client: FailureLimiter; order: FailureLimiter } {
  const now = () => clock.now();
  const limiter = (scope: string, limit: number) =>
    new FailureLimiter(windows, { scope, limit, windowMs, now });
  return {
    client: limiter('lookup-client', config.guestPages.lookupClientLimit),
    order: limiter('lookup-order', config.guestPages.lookupOrderLimit),
  };
}

export function lookupOrderNumber(req: Request): string {
  const value = (req.body as Record<string, unknown> | undefined)?.orderNumber;
  return typeof value === 'string' ? value.trim().toLowerCase().slice(0, 64) : '';
}
