import { Types } from 'mongoose';
import { StoreConnectionModel, StoreEventModel, StoreTallyModel } from '../models';
import { isDuplicateKeyError, objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { ConnectionHealth, StoreConnection } from '../../integrations/integration';

export type NewConnection = Omit<StoreConnection, 'id' | 'createdAt' | 'lastError'> & {
  key: string;
};

const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

export class StoreConnectionRepository {
  /**
   * Connects a store, or replaces the secret when this merchant connected it before. Returns
   * null when another merchant holds the store.
   */
  async connect(
    input: NewConnection,
  ): Promise<{ connection: StoreConnection; created: boolean } | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await StoreConnectionModel.findOne({ key: input.key }).lean();
      if (existing) {
        if (existing.merchantId.toHexString() !== input.merchantId) return null;
        const updated = await StoreConnectionModel.findByIdAndUpdate(
          existing._id,
          { $set: { sealedSecret: input.sealedSecret, lastError: null } },
          { returnDocument: 'after' },
        ).lean();
        return { connection: toEntity<StoreConnection>(updated), created: false };
      }
      try {
        const created = await StoreConnectionModel.create(input);
        return { connection: toEntity<StoreConnection>(created.toObject()), created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    return null;
  }

  async list(merchantId: string): Promise<StoreConnection[]> {
    return (await StoreConnectionModel.find({ merchantId }).sort({ createdAt: 1 }).lean()).map(
      (d) => toEntity<StoreConnection>(d),
    );
  }

  async findById(id: string): Promise<StoreConnection | null> {
    const _id = objectId(id);
    return _id
      ? toEntityOrNull<StoreConnection>(await StoreConnectionModel.findById(_id).lean())
      : null;
  }

  async findByIds(ids: string[]): Promise<StoreConnection[]> {
    return (await StoreConnectionModel.find({ _id: { $in: ids } }).lean()).map((d) =>
      toEntity<StoreConnection>(d),
    );
  }

  async findShop(shopDomain: string): Promise<StoreConnection | null> {
    return toEntityOrNull<StoreConnection>(
      await StoreConnectionModel.findOne({ key: `shopify:${shopDomain}` }).lean(),
    );
  }

  /** Disconnects one of the merchant's stores and returns it; null when it has no such store. */
  async remove(merchantId: string, id: string): Promise<StoreConnection | null> {
    const _id = objectId(id);
    return _id
      ? toEntityOrNull<StoreConnection>(
          await StoreConnectionModel.findOneAndDelete({ _id, merchantId }).lean(),
        )
      : null;
  }

  /** The last problem, in words with no personal data, for the merchant's health view. */
  async recordError(id: string, message: string, at: Date): Promise<void> {
    await StoreConnectionModel.updateOne({ _id: id }, { $set: { lastError: { at, message } } });
  }

  async count(connectionId: string, kind: 'rejected' | 'duplicate', at: Date): Promise<void> {
    await StoreTallyModel.updateOne(
      { connectionId, hour: hourOf(at) },
      { $inc: { [kind]: 1 } },
      { upsert: true },
    );
  }

  /** Health since `since` (counts by hour for rejects and replays, exact for accepted). */
  async health(
    connections: StoreConnection[],
    since: Date,
  ): Promise<Map<string, ConnectionHealth>> {
    const ids = connections.map((c) => new Types.ObjectId(c.id));
    const accepted = await StoreEventModel.aggregate<{
      _id: Types.ObjectId;
      accepted: number;
      last: Date;
    }>([
      { $match: { connectionId: { $in: ids } } },
      {
        $group: {
          _id: '$connectionId',
          accepted: { $sum: { $cond: [{ $gte: ['$receivedAt', since] }, 1, 0] } },
          last: { $max: '$receivedAt' },
        },
      },
    ]);
    const tallies = await StoreTallyModel.find({
      connectionId: { $in: ids },
      hour: { $gte: hourOf(since) },
    }).lean();
    return new Map(
      connections.map((c) => {
        const events = accepted.find((a) => a._id.toHexString() === c.id);
        const mine = tallies.filter((t) => t.connectionId.toHexString() === c.id);
        return [
          c.id,
          {
            lastEventAt: events?.last ?? null,
            accepted: events?.accepted ?? 0,
            rejected: mine.reduce((n, t) => n + t.rejected, 0),
            duplicate: mine.reduce((n, t) => n + t.duplicate, 0),
            lastError: c.lastError ?? null,
          },
        ];
      }),
    );
  }
}
