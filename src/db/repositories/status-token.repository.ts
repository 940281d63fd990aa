import { StatusTokenModel } from '../models';
import { objectId, toEntityOrNull } from '../to-entity';

export interface StatusTokenRecord {
  id: string;
  tokenHash: string;
  merchantId: string;
  orderId: string;
  expiresAt: Date | null;
  revokedAt?: Date;
  createdAt: Date;
}

export interface NewStatusToken {
  tokenHash: string;
  merchantId: string;
  orderId: string;
  /** Null (the default) while the order still moves; set when minting for a finished order. */
  expiresAt?: Date | null;
}

export class StatusTokenRepository {
  async create(record: NewStatusToken): Promise<void> {
    await this.createMany([record]);
  }

  /**
   * Stores minted links in one write (a dispatch batch's at once, instead of one awaited round
   * trip per message), with the driver: ids cast and timestamps set here.
   */
  async createMany(records: NewStatusToken[]): Promise<void> {
    if (records.length === 0) return;
    const createdAt = new Date();
    await StatusTokenModel.collection.insertMany(
      records.map((record) => ({
        tokenHash: record.tokenHash,
        merchantId: objectId(record.merchantId)!,
        orderId: objectId(record.orderId)!,
        expiresAt: record.expiresAt ?? null,
        createdAt,
        updatedAt: createdAt,
      })),
      { ordered: false },
    );
  }

  /** The token's record when it is neither revoked nor expired at `now`. */
  async findUsable(tokenHash: string, now: Date): Promise<StatusTokenRecord | null> {
    const doc = await StatusTokenModel.findOne({
      tokenHash,
      revokedAt: null,
      $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
    }).lean();
    return toEntityOrNull<StatusTokenRecord>(doc);
  }

  /** Revokes every live token of the order (rotation and erasure). */
  async revokeForOrder(orderId: string, at: Date): Promise<number> {
    const result = await StatusTokenModel.updateMany(
      { orderId, revokedAt: null },
      { $set: { revokedAt: at } },
    );
    return result.modifiedCount;
  }

  async setExpiryForOrder(orderId: string, expiresAt: Date | null): Promise<void> {
    await StatusTokenModel.updateMany({ orderId, revokedAt: null }, { $set: { expiresAt } });
  }
}
