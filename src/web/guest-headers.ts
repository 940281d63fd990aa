import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { Config } from '../config/config';
import type { PlainMiddleware } from './plain-middleware';

/** What differs between the strict policies of our own pages (guest pages, console). */
export interface PagePolicy {
  imgSrc: string;
  formAction: string;
  /** Frames the page may embed; none when absent. */
  frameSrc?: string;
}

/** A strict policy: our own script and styles only, plus the hashes of inline style blocks. */
export function pageCsp(config: Config, inlineStyles: string[], policy: PagePolicy): string {
  const hashes = inlineStyles.map(
    (css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    "script-src 'self'",
    ["style-src 'self'", ...hashes].join(' '),
    `img-src ${policy.imgSrc}`,
    "connect-src 'self'",
    ...(policy.frameSrc ? [`frame-src ${policy.frameSrc}`] : []),
    `form-action ${policy.formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    ...(config.production ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/**
 * Headers every private page carries (guest pages, the console): nothing is cached, indexed or
 * sent on as a Referer, since the URL or the session is the key to someone's data.
 */
export function privatePageHeaders(config: Config, csp: string): PlainMiddleware {
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

export function guestCsp(config: Config, inlineStyles: string[]): string {
  const publicOrigin = new URL(config.http.publicBaseUrl).origin;
  return pageCsp(config, inlineStyles, {
    imgSrc: "'self'",
    formAction: `'self' ${publicOrigin}`,
  });
}

export function guestHeaders(config: Config): PlainMiddleware {
  return privatePageHeaders(config, guestCsp(config, []));
}

/** Sends a rendered page under `csp`, which allows its inline style blocks by hash. */
export function sendPageWithCsp(
  res: Response,
  csp: string,
  page: { body: string },
  status = 200,
): void {
  res.setHeader('Content-Security-Policy', csp);
  res.status(status).type('html').send(page.body);
}

/** Sends a rendered guest page whose inline style blocks are allowed by hash. */
export function sendPage(
  res: Response,
  config: Config,
  page: { body: string; inlineStyles: string[] },
  status = 200,
): void {
  sendPageWithCsp(res, guestCsp(config, page.inlineStyles), page, status);
}
