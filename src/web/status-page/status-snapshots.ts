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

  constructor(
    private readonly repos: Repos,
    private readonly clock: Clock,
    private readonly freshMs: number,
    maxEntries = 5000,
  ) {
    this.cache = new LRUCache<string, Entry>({ max: maxEntries, ttl: 10 * 60_000 });
  }

  /** The snapshot for a usable token, or null for unknown, expired and revoked alike. */
  async get(tokenHash: string): Promise<StatusSnapshot | null> {
    const now = this.clock.now();
    const entry = this.cache.get(tokenHash);
    if (entry && entry.tokenExpiresAt && entry.tokenExpiresAt <= now) {
      this.cache.delete(tokenHash);
      return null;
    }
    if (entry && now.getTime() - entry.verifiedAt < this.freshMs) return entry.snapshot;

    const token = await this.repos.statusTokens.findUsable(tokenHash, now);
    if (!token) {
      this.cache.delete(tokenHash);
      return null;
    }
    const fingerprints = await this.repos.shipments.versionsByOrder(token.orderId);
    if (entry && entry.snapshot.order.id === token.orderId) {
      const version = versionOf(entry.snapshot.order, entry.snapshot.merchant, fingerprints);
      if (version === entry.snapshot.version) {
        entry.verifiedAt = now.getTime();
        entry.tokenExpiresAt = token.expiresAt;
        return entry.snapshot;
      }
    }
    const snapshot = await this.load(token.orderId, token.merchantId);
    if (!snapshot) return null;
    this.cache.set(tokenHash, {
      snapshot,
      tokenExpiresAt: token.expiresAt,
      verifiedAt: now.getTime(),
    });
    return snapshot;
  }

  /** Drops cached data for an order this process just changed (e.g. guest preferences). */
  forget(tokenHash: string): void {
    this.cache.delete(tokenHash);
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
