import type { ErrorRequestHandler } from 'express';
import { AppError } from '../../shared/app-error';
import type { Config } from '../../config/config';
import type { Logger } from '../../shared/logger';
import { html } from '../../web/html';
import { sendConsolePage } from './console-headers';
import { consoleLayout } from './console-layout';
import { logFor } from '../../web/request-logging';

const statusOf: Partial<Record<AppError['code'], number>> = {
  bad_request: 400,
  validation_failed: 422,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

/** Console errors as pages, not JSON: people read them. Unexpected ones are logged. */
export function consoleErrors(config: Config, logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = error instanceof AppError ? statusOf[error.code] : undefined;
    const status = known ?? 500;
    if (status >= 500) logFor(req, logger).error({ err: error }, 'console request failed');
    if (res.headersSent) return;
    const message = known ? (error as AppError).message : 'Something went wrong on our side.';
    sendConsolePage(
      res,
      config,
      consoleLayout({
        title: status === 404 ? 'Not found' : 'That did not work',
        notice: { kind: 'error', text: message },
        main: html`<p><a href="/console">Back to the overview</a></p>`,
      }),
      status,
    );
  };
}
