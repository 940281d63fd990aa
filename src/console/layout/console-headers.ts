import type { RequestHandler, Response } from 'express';
import type { Config } from '../../config/config';
import { pageCsp, privatePageHeaders, sendPageWithCsp } from '../../web/guest-headers';

/**
 * The console's policy: the guest pages' rules plus frames of our own origin for the message
 * previews and https images for logos.
 */
export function consoleCsp(config: Config, inlineStyles: string[]): string {
  return pageCsp(config, inlineStyles, {
    imgSrc: "'self' https: data:",
    frameSrc: "'self'",
    formAction: "'self'",
  });
}

export function consoleHeaders(config: Config): RequestHandler {
  return privatePageHeaders(config, consoleCsp(config, []));
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
  sendPageWithCsp(res, consoleCsp(config, page.inlineStyles), page, status);
}
