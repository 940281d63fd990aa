import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Config } from '../../config/config';

/**
 * The console's policy: the guest pages' rules (our own script and styles, inline styles by
 * hash) plus frames of our own origin for the message previews and https images for logos.
 */
export function consoleCsp(config: Config, inlineStyles: string[]): string {
  const hashes = inlineStyles.map(
    (css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    "script-src 'self'",
    ["style-src 'self'", ...hashes].join(' '),
    "img-src 'self' https: data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    ...(config.production ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Nothing in the console is cached, indexed or sent on as a Referer. */
export function consoleHeaders(config: Config): RequestHandler {
  const csp = consoleCsp(config, []);
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

export interface ConsolePage {
  body: string;
  inlineStyles: string[];
}

export function sendConsolePage(
  res: Response,
  config: Config,
  page: ConsolePage,
  status = 200,
): void {
  res.setHeader('Content-Security-Policy', consoleCsp(config, page.inlineStyles));
  res.status(status).type('html').send(page.body);
}
