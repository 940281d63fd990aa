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
