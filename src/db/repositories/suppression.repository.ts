import { createHmac } from 'node:crypto';
import { SuppressionModel } from '../models';
import type { Channel } from '../../tracking/domain/taxonomy';

export interface Suppression {
  channel: Channel;
  address: string;
  /** Empty string: every merchant. */
  merchantId: string;
  reason: string;
  source?: string;
  createdAt: Date;
}

/** What is kept of a suppression: the address only as a keyed hash, never readable. */
export type StoredSuppression = Omit<Suppression, 'address'>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function normalizeAddress(channel: Channel, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.replace(/[^\d+]/g, '');
}

export const suppressionKey = (l: { channel: Channel; address: string; merchantId: string }) =>
  `${l.channel}:${l.merchantId}:${l.address}`;

/**
 * Suppressions outlive the orders they came from, so the address is stored as an HMAC under a
 * key derived from TOKEN_SECRET: an erased guest leaves nothing readable, and the same address
 * still finds its suppression.
 */
export class SuppressionRepository {
  private readonly key: Buffer;

  constructor(tokenSecret: string) {
    this.key = createHmac('sha256', tokenSecret)
      .update('porchlight:suppression-address:v1')
      .digest();
  }

  /** Idempotent: suppressing twice keeps the first record. */
  async add(entry: Omit<Suppression, 'createdAt'>): Promise<void> {
    const address = this.hash(entry.channel, entry.address);
    // A provider's reason may quote the address it refused; the record must not keep it.
    const quoted = new RegExp(escapeRegExp(normalizeAddress(entry.channel, entry.address)), 'gi');
    const unquoted = (text?: string) => text?.replace(quoted, '[address]');
    await SuppressionModel.updateOne(
      { channel: entry.channel, address, merchantId: entry.merchantId },
      {
        $setOnInsert: {
          ...entry,
          address,
          reason: unquoted(entry.reason),
          source: unquoted(entry.source),
        },
      },
      { upsert: true },
    );
  }

  async remove(channel: Channel, address: string, merchantId: string): Promise<number> {
    const result = await SuppressionModel.deleteMany({
      channel,
      address: this.hash(channel, address),
      merchantId,
    });
    return result.deletedCount;
  }

  /**
   * For a batch of (channel, address, merchant) lookups, the reason each is blocked, keyed by
   * `suppressionKey`; one query for the whole batch.
   */
  async findMany(
    lookups: Array<{ channel: Channel; address: string; merchantId: string }>,
  ): Promise<Map<string, string>> {
    const wanted = lookups.filter((l) => l.address);
    if (wanted.length === 0) return new Map();
    const docs = await SuppressionModel.find({
      channel: { $in: [...new Set(wanted.map((l) => l.channel))] },
      address: { $in: [...new Set(wanted.map((l) => this.hash(l.channel, l.address)))] },
    }).lean();
    const found = new Map<string, string>();
    for (const l of wanted) {
      const address = this.hash(l.channel, l.address);
      const hit = docs.find(
        (d) =>
          d.channel === l.channel &&
          d.address === address &&
          ((d.merchantId ?? '') === '' || d.merchantId === l.merchantId),
      );
      if (hit) found.set(suppressionKey(l), hit.reason);
    }
    return found;
  }

  /** The suppression that blocks this address for this merchant, if any (its own or a global one). */
  async find(
    channel: Channel,
    address: string,
    merchantId: string,
  ): Promise<StoredSuppression | null> {
    const doc = await SuppressionModel.findOne({
      channel,
      address: this.hash(channel, address),
      merchantId: { $in: [merchantId, ''] },
    }).lean();
    if (!doc) return null;
    return {
      channel: doc.channel as Channel,
      merchantId: doc.merchantId ?? '',
      reason: doc.reason,
      source: doc.source ?? undefined,
      createdAt: doc.createdAt,
    };
  }

  private hash(channel: Channel, address: string): string {
    return createHmac('sha256', this.key)
      .update(`${channel}:${normalizeAddress(channel, address)}`)
      .digest('hex');
  }
}
