import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Config } from '../config/config';

/**
 * Headers every guest page carries: nothing is cached, indexed or sent on as a Referer, since
 * the URL itself is the key to an order.
 */
export function guestHeaders(config: Config): RequestHandler {
  const csp = guestCsp(config, []);
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    res.setHeader('Content-Security-Policy', csp);
    if (config.production)
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

/** A strict policy: our own script and styles only, plus the hashes of inline style blocks. */
export function guestCsp(config: Config, inlineStyles: string[]): string {
  const hashes = inlineStyles.map(
    (css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`,
  );
  const publicOrigin = new URL(config.http.publicBaseUrl).origin;
  return [
    "default-src 'none'",
    "script-src 'self'",
    ["style-src 'self'", ...hashes].join(' '),
    "img-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${publicOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    ...(config.production ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Sends a rendered page whose inline style blocks are allowed by hash. */
export function sendPage(
  res: Response,
  config: Config,
  page: { body: string; inlineStyles: string[] },
  status = 200,
): void {
  res.setHeader('Content-Security-Policy', guestCsp(config, page.inlineStyles));
  res.status(status).type('html').send(page.body);
}
