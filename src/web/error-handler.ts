import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, type ErrorCode } from '../shared/app-error';
import type { Logger } from '../shared/logger';
import { logFor } from './request-logging';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Turns body-parser and other framework errors into our own kinds. */
function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed')
    return new AppError('bad_request', 'The request body is not valid JSON.', { cause: error });
  if (e?.type === 'entity.too.large')
    return new AppError('payload_too_large', 'The request body is too large.', { cause: error });
  if (e?.status && e.status >= 400 && e.status < 500)
    return new AppError('bad_request', e.message ?? 'Bad request.', { cause: error });
  return new AppError('internal', 'Something went wrong on our side.', { cause: error });
}

/** The one mapping from error kinds to HTTP: `{error: {code, message, fields}}`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError = asAppError(error);
    const status = statusByCode[appError.code];
    if (status >= 500) logFor(req, logger).error({ err: error }, 'request failed');
    if (appError.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(appError.retryAfterSeconds));
    if (res.headersSent) return;
    res
      .status(status)
      .json({ error: { code: appError.code, message: appError.message, fields: appError.fields } });
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', 'Not found.'));
};
