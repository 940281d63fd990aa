import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { LRUCache } from 'lru-cache';

interface Window {
  misses: number;
  resetAt: number;
}

/**
 * Limits clients that keep missing (unknown, expired or revoked links). Only misses count and
 * only misses are refused: the link is looked up first, so a valid link always works, even
 * for a client sharing its address with one that guessed. Counts live in this process (one
 * web instance); the token space (128 bits) is what really stops guessing.
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

  /** Counts a miss; answers 429 (and returns true) when the client already missed too often. */
  refuseOrRecord(req: Request, res: Response): boolean {
    const key = clientKey(req);
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.resetAt > now && window.misses >= this.options.limit) {
      this.options.refuse(req, res, Math.ceil((window.resetAt - now) / 1000));
      return true;
    }
    if (window && window.resetAt > now) window.misses += 1;
    else this.windows.set(key, { misses: 1, resetAt: now + this.options.windowMs });
    return false;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** The client's address; IPv6 clients count per /56 as they often hold a whole prefix. */
export function clientKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}
