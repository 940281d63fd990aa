import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactUrl, type Logger } from '../shared/logger';
import { pathOf, type PlainMiddleware } from './plain-middleware';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how Express types are extended
  namespace Express {
    interface Request {
      /** The request id: X-Request-Id when well-formed, else a new UUID. */
      id?: string;
    }
  }
}

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
const quietPaths = new Set(['/healthz', '/readyz']);

/** The request as this middleware sees it: Express's, or node's own on the fast lane. */
type LoggedRequest = IncomingMessage & { id?: string; originalUrl?: string };

/** What a line says about its request: never the query string or a link's token. */
function describe(req: LoggedRequest) {
  return { id: req.id, method: req.method, url: redactUrl(req.originalUrl ?? req.url ?? '/') };
}

/** A logger whose lines name the request (id, method, redacted URL), for routes that log. */
export function logFor(req: LoggedRequest, logger: Logger): Logger {
  return logger.child({ req: describe(req) });
}

/**
 * A request id on every request (kept from X-Request-Id when well-formed, echoed back) and one
 * log line when its response is done: info, warn for 4xx, error for 5xx and aborted responses.
 *
 * Why not pino-http: it makes two child loggers per request, serializing and redacting the
 * request into their bindings whether or not anything is logged. On the status page that was
 * 13% of the web process's CPU. Here a route that logs asks for its logger (logFor), and the
 * completion line is built only when its level is enabled.
 */
export function requestLogging(logger: Logger): PlainMiddleware {
  return (req: LoggedRequest, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id =
      typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (!quietPaths.has(pathOf(req.url))) {
      const started = performance.now();
      res.once('close', () => logDone(logger, req, res, started));
    }
    next();
  };
}

function logDone(logger: Logger, req: LoggedRequest, res: ServerResponse, started: number) {
  const aborted = !res.writableFinished;
  const level =
    aborted || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      req: describe(req),
      res: { statusCode: res.statusCode },
      responseTime: Math.round(performance.now() - started),
    },
    aborted ? 'request aborted' : 'request completed',
  );
}
