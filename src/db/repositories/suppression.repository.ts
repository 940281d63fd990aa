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

export function normalizeAddress(channel: Channel, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.replace(/[^\d+]/g, '');
}

export const suppressionKey = (l: { channel: Channel; address: string; merchantId: string }) =>
  `${l.channel}:${l.merchantId}:${l.address}`;

export class SuppressionRepository {
  /** Idempotent: suppressing twice keeps the first record. */
  async add(entry: Omit<Suppression, 'createdAt'>): Promise<void> {
    const address = normalizeAddress(entry.channel, entry.address);
    await SuppressionModel.updateOne(
      { channel: entry.channel, address, merchantId: entry.merchantId },
      { $setOnInsert: { ...entry, address } },
      { upsert: true },
    );
  }

  async remove(channel: Channel, address: string, merchantId: string): Promise<number> {
    const result = await SuppressionModel.deleteMany({
      channel,
      address: normalizeAddress(channel, address),
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
      address: { $in: [...new Set(wanted.map((l) => normalizeAddress(l.channel, l.address)))] },
    }).lean();
    const found = new Map<string, string>();
    for (const l of wanted) {
      const address = normalizeAddress(l.channel, l.address);
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
  async find(channel: Channel, address: string, merchantId: string): Promise<Suppression | null> {
    const doc = await SuppressionModel.findOne({
      channel,
      address: normalizeAddress(channel, address),
      merchantId: { $in: [merchantId, ''] },
    }).lean();
    return doc ? ({ ...doc, merchantId: doc.merchantId ?? '' } as unknown as Suppression) : null;
  }
}
