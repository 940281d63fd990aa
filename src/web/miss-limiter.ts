import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { LRUCache } from 'lru-cache';

interface Window {
  misses: number;
  resetAt: number;
}

/**
 * Limits clients that keep missing (unknown, expired or revoked links). Unlike
 * express-rate-limit's skipSuccessfulRequests, which counts every request while it is in
 * flight and refunds successes afterwards, only recorded misses count: a page opened by fifty
 * tabs at once is never refused, while a client guessing tokens is. Counts live in this
 * process (one web instance); the token space (128 bits) is what really stops guessing.
 */
export class MissLimiter {
  private readonly windows = new LRUCache<string, Window>({ max: 100_000 });

  constructor(
    private readonly options: {
      limit: number;
      windowMs: number;
      refuse: (req: Request, res: Response, retryAfterSeconds: number) => void;
      now?: () => number;
    },
  ) {}

  /** Refuses clients over the limit; everybody else passes untouched. */
  readonly check: RequestHandler = (req, res, next) => {
    const current = this.windows.get(clientKey(req));
    const now = this.now();
    if (current && current.resetAt > now && current.misses >= this.options.limit)
      return this.options.refuse(req, res, Math.ceil((current.resetAt - now) / 1000));
    next();
  };

  record(req: Request): void {
    const key = clientKey(req);
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.resetAt > now) window.misses += 1;
    else this.windows.set(key, { misses: 1, resetAt: now + this.options.windowMs });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** The client's address; IPv6 clients count per /56 as they often hold a whole prefix. */
export function clientKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}
