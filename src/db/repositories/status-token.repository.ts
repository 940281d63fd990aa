import { StatusTokenModel } from '../models';
import { toEntityOrNull } from '../to-entity';

export interface StatusTokenRecord {
  id: string;
  tokenHash: string;
  merchantId: string;
  orderId: string;
  expiresAt: Date | null;
  revokedAt?: Date;
  createdAt: Date;
}

export class StatusTokenRepository {
  async create(record: {
    tokenHash: string;
    merchantId: string;
    orderId: string;
    /** Null (the default) while the order still moves; set when minting for a finished order. */
    expiresAt?: Date | null;
  }): Promise<void> {
    await StatusTokenModel.create({ expiresAt: null, ...record });
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
