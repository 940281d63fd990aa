import { StoreEventModel } from '../models';
import { claimDue, type Claim } from '../lease';
import { isDuplicateKeyError, objectId, toEntity } from '../to-entity';
import type { StoreEvent, StoreEventState } from '../../integrations/integration';

export type NewStoreEvent = Pick<
  StoreEvent,
  'connectionId' | 'merchantId' | 'platform' | 'topic' | 'deliveryKey' | 'eventKey' | 'body'
>;

export class StoreEventRepository {
  /** Stores a verified delivery once; a replay (same delivery or event id) is 'duplicate'. */
  async accept(event: NewStoreEvent, now: Date): Promise<'accepted' | 'duplicate'> {
    try {
      await StoreEventModel.create({
        ...event,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        receivedAt: now,
      });
      return 'accepted';
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'duplicate';
      throw error;
    }
  }

  async claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<Claim[]> {
    return claimDue(StoreEventModel, {
      owner,
      now,
      leaseMs,
      limit,
      due: { state: 'pending', nextAttemptAt: { $lte: now } },
      sort: { receivedAt: 1 },
    });
  }

  async findByIds(ids: string[]): Promise<StoreEvent[]> {
    const docs = await StoreEventModel.find({ _id: { $in: ids.map(objectId) } })
      .sort({ receivedAt: 1 })
      .lean();
    return docs.map((d) => toEntity<StoreEvent>(d));
  }

  /**
   * Finishes claimed events in one bulk write, each conditional on its fence. Final states drop
   * the body, which carries the guest's personal data; a retry keeps it. Returns how many applied.
   */
  async finish(
    results: Array<{
      id: string;
      fence: number;
      state: StoreEventState;
      outcome: string;
      retryAt?: Date;
    }>,
  ): Promise<number> {
    if (results.length === 0) return 0;
    const written = await StoreEventModel.bulkWrite(
      results.map((r) => ({
        updateOne: {
          filter: { _id: objectId(r.id), fence: r.fence },
          update: {
            $set: {
              state: r.state,
              outcome: r.outcome,
              lease: null,
              ...(r.state !== 'pending' ? { body: null } : {}),
              ...(r.retryAt ? { nextAttemptAt: r.retryAt } : {}),
            },
            $inc: { attempts: 1 },
          },
        },
      })),
      { ordered: false },
    );
    return written.modifiedCount;
  }

  async countByState(connectionId: string): Promise<Record<string, number>> {
    const rows = await StoreEventModel.aggregate<{ _id: string; n: number }>([
      { $match: { connectionId: objectId(connectionId) } },
      { $group: { _id: '$state', n: { $sum: 1 } } },
    ]);
    return Object.fromEntries(rows.map((r) => [r._id, r.n]));
  }
}
