import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config/config';
import type { RateWindowRepository } from '../db/repositories/rate-window.repository';
import { AppError } from '../shared/app-error';
import { sendPage } from './guest-headers';
import { guestLocale, wantsJson } from './guest-locale';
import { MissLimiter } from './miss-limiter';
import { tooManyPage } from './pages/guest-pages.page';
import { MongoRateLimitStore } from '../shared/rate-limit-store';

const windowMs = 15 * 60_000;

/** The 429 answer: an HTML page for people, the standard JSON error for the JSON view. */
function sendTooMany(config: Config, req: Request, res: Response, retryAfterSeconds: number) {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  if (req.path.endsWith('.json') || wantsJson(req)) {
    const error = new AppError('rate_limited', 'Too many requests.');
    res.status(429).json({ error: { code: error.code, message: error.message, fields: [] } });
    return;
  }
  sendPage(res, config, tooManyPage(guestLocale(req), req.path), 429);
}

function refuse(config: Config) {
  return (req: Request, res: Response) => sendTooMany(config, req, res, Math.ceil(windowMs / 1000));
}

/**
 * Misses (unknown, expired or revoked links) per client. Successful views are not counted,
 * so a guest reloading their own page is never limited.
 */
export function statusMissLimiter(config: Config): MissLimiter {
  return new MissLimiter({
    limit: config.guestPages.missLimit,
    windowMs,
    refuse: (req, res, retryAfter) => sendTooMany(config, req, res, retryAfter),
  });
}

const wasHit = (_req: Request, res: Response) => res.locals.lookupHit === true;

/** Failed lookups per client, counted across every web instance. */
export function lookupClientLimiter(config: Config, windows: RateWindowRepository): RequestHandler {
  return rateLimit({
    windowMs,
    store: new MongoRateLimitStore(windows, 'lookup-client'),
    limit: config.guestPages.lookupClientLimit,
    skipSuccessfulRequests: true,
    requestWasSuccessful: wasHit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: refuse(config),
  });
}

/** Failed lookups per order number, from anywhere: guessing one order's email or postcode. */
export function lookupOrderLimiter(config: Config, windows: RateWindowRepository): RequestHandler {
  return rateLimit({
    windowMs,
    store: new MongoRateLimitStore(windows, 'lookup-order'),
    limit: config.guestPages.lookupOrderLimit,
    skipSuccessfulRequests: true,
    requestWasSuccessful: wasHit,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (req) => `order:${lookupOrderNumber(req)}`,
    skip: (req) => lookupOrderNumber(req) === '',
    handler: refuse(config),
  });
}

export function lookupOrderNumber(req: Request): string {
  const value = (req.body as Record<string, unknown> | undefined)?.orderNumber;
  return typeof value === 'string' ? value.trim().toLowerCase().slice(0, 64) : '';
}
