import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A middleware that needs nothing of Express: it reads node's request, sets headers or
 * listeners on node's response and calls `next` before it returns. Express mounts it like any
 * other; the status page's fast lane runs the very same ones without Express.
 */
export type PlainMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

/** Runs plain middlewares in order, as Express would; throws if one does not call `next` at once. */
export function runPlain(
  middlewares: readonly PlainMiddleware[],
  req: IncomingMessage,
  res: ServerResponse,
): void {
  for (const middleware of middlewares) {
    let called = false;
    let failure: unknown;
    middleware(req, res, (err) => {
      called = true;
      failure = err;
    });
    if (failure) throw failure;
    if (!called) throw new Error('a plain middleware did not call next synchronously');
  }
}

/** The path of a request URL, without its query string. */
export function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}
