import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Repositories } from '../../app/container';
import type { Merchant } from '../../merchants/merchant';
import type { Order } from '../../orders/order';
import type { Clock } from '../../shared/clock';
import type { Shipment } from '../../tracking/shipment';
import type { PreparedBody } from './prepared-body';

/** What one status link shows, loaded together, plus a fingerprint of when it was loaded. */
export interface StatusSnapshot {
  order: Order;
  merchant: Merchant;
  shipments: Shipment[];
  version: string;
  /** Rendered outputs of this exact snapshot (page, JSON) by format, language and minute. */
  renders: Map<string, PreparedBody>;
}

/** A database check under way for one token, shared by the requests that arrive meanwhile. */
interface Check {
  id: number;
  answer: Promise<StatusSnapshot | null>;
}

interface Entry {
  snapshot: StatusSnapshot;
  tokenExpiresAt: Date | null;
  verifiedAt: number;
}

type Repos = Pick<Repositories, 'orders' | 'merchants' | 'shipments' | 'statusTokens'>;

/**
 * A short-lived cache of status-page data keyed by token hash.
 *
 * Why this shape: the worker that changes shipments may be another process, so nothing can
 * push an invalidation to us. Within `freshMs` (default 2 s) an entry is served from memory
 * (that is what absorbs a burst of reloads or a shared link); after it, one cheap query pair
 * (token still usable, shipments' fingerprints without events) decides whether the snapshot is
 * still current, and only a change reloads everything. Token expiry is checked on every hit;
 * revocation is seen within `freshMs`.
 */
export class StatusSnapshots {
  private readonly cache: LRUCache<string, Entry>;
  private readonly checks = new Map<string, Check>();
  private lastCheckId = 0;

  constructor(
    private readonly repos: Repos,
    private readonly clock: Clock,
    private readonly freshMs: number,
    maxEntries = 5000,
  ) {
    this.cache = new LRUCache<string, Entry>({ max: maxEntries, ttl: 10 * 60_000 });
  }

  /** The snapshot for a usable token, or null for unknown, expired and revoked alike. */
  get(tokenHash: string): Promise<StatusSnapshot | null> {
    const now = this.clock.now();
    const remembered = this.fromMemory(tokenHash, now);
    if (remembered !== undefined) return Promise.resolve(remembered);
    // One check per token at a time: when a busy page's entry goes stale, every request in
    // flight would otherwise run the same query pair (200 connections, 400 queries every
    // freshMs). The requests that arrive during a check share its answer.
    const running = this.checks.get(tokenHash);
    if (running) return running.answer;
    const id = ++this.lastCheckId;
    const answer = this.check(tokenHash, now, id).finally(() => {
      if (this.checks.get(tokenHash)?.id === id) this.checks.delete(tokenHash);
    });
    this.checks.set(tokenHash, { id, answer });
    return answer;
  }

  /**
   * The snapshot when memory alone can answer: cached, fresh and its token unexpired. Anything
   * else (unknown, stale, expired) is for `get`, which asks the database.
   */
  peek(tokenHash: string): StatusSnapshot | undefined {
    return this.fromMemory(tokenHash, this.clock.now()) ?? undefined;
  }

  /**
   * What memory alone says: the snapshot while fresh, null once its token has expired (the
   * entry is dropped), undefined when the database must be asked (unknown or stale).
   */
  private fromMemory(tokenHash: string, now: Date): StatusSnapshot | null | undefined {
    const entry = this.cache.get(tokenHash);
    if (!entry) return undefined;
    if (entry.tokenExpiresAt && entry.tokenExpiresAt <= now) {
      this.cache.delete(tokenHash);
      return null;
    }
    return now.getTime() - entry.verifiedAt < this.freshMs ? entry.snapshot : undefined;
  }

  /** Drops cached data for an order this process just changed (e.g. guest preferences). */
  forget(tokenHash: string): void {
    this.cache.delete(tokenHash);
    // A check that started before the change must neither answer later requests nor cache.
    this.checks.delete(tokenHash);
  }

  private async check(tokenHash: string, now: Date, id: number): Promise<StatusSnapshot | null> {
    const entry = this.cache.get(tokenHash);
    // Still the check of record: not forgotten (and replaced) while it waited on the database.
    const current = () => this.checks.get(tokenHash)?.id === id;
    const token = await this.repos.statusTokens.findUsable(tokenHash, now);
    if (!token) {
      if (current()) this.cache.delete(tokenHash);
      return null;
    }
    const fingerprints = await this.repos.shipments.versionsByOrder(token.orderId);
    if (entry && entry.snapshot.order.id === token.orderId) {
      const version = versionOf(entry.snapshot.order, entry.snapshot.merchant, fingerprints);
      if (version === entry.snapshot.version) {
        if (current()) {
          entry.verifiedAt = now.getTime();
          entry.tokenExpiresAt = token.expiresAt;
        }
        return entry.snapshot;
      }
    }
    const snapshot = await this.load(token.orderId, token.merchantId);
    if (!snapshot) return null;
    if (current()) {
      this.cache.set(tokenHash, {
        snapshot,
        tokenExpiresAt: token.expiresAt,
        verifiedAt: now.getTime(),
      });
    }
    return snapshot;
  }

  private async load(orderId: string, merchantId: string): Promise<StatusSnapshot | null> {
    const [order, merchant, shipments, fingerprints] = await Promise.all([
      this.repos.orders.findById(orderId),
      this.repos.merchants.findById(merchantId),
      this.repos.shipments.findByOrder(orderId),
      this.repos.shipments.versionsByOrder(orderId),
    ]);
    // An erased order keeps its id but no longer has a page.
    if (!order || !merchant || order.erasedAt) return null;
    return {
      order,
      merchant,
      shipments,
      version: versionOf(order, merchant, fingerprints),
      renders: new Map(),
    };
  }
}

/**
 * The shipments' fingerprints decide freshness; the order and merchant write times are part
 * of the version so a reload after their change is not mistaken for the old one.
 */
function versionOf(order: Order, merchant: Merchant, fingerprints: string[]): string {
  return createHash('sha256')
    .update(fingerprints.join('|'))
    .update(`|o:${new Date(order.updatedAt).getTime()}|m:${new Date(merchant.updatedAt).getTime()}`)
    .digest('base64url')
    .slice(0, 16);
}
