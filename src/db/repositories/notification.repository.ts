import { NotificationModel } from '../models';
import { isDuplicateKeyError, toEntity } from '../to-entity';
import type { Notification } from '../../notify/notification';

export type NotificationIntent = Pick<
  Notification,
  | 'idempotencyKey'
  | 'merchantId'
  | 'orderId'
  | 'shipmentIds'
  | 'milestone'
  | 'channel'
  | 'recipient'
  | 'template'
  | 'locale'
  | 'notBefore'
>;

export class NotificationRepository {
  /**
   * Writes intents to the outbox; an intent whose idempotency key exists already is skipped by
   * the unique index, so running this twice (or on two workers) writes each intent once.
   * Returns the number actually inserted.
   */
  async addIntents(intents: NotificationIntent[], now: Date): Promise<number> {
    if (intents.length === 0) return 0;
    const write = () =>
      NotificationModel.bulkWrite(
        intents.map((intent) => ({
          updateOne: {
            filter: { idempotencyKey: intent.idempotencyKey },
            update: {
              $setOnInsert: {
                ...intent,
                state: 'pending',
                attempts: 0,
                fence: 0,
                lease: null,
                history: [{ at: now, state: 'pending', reason: 'created' }],
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    try {
      return (await write()).upsertedCount;
    } catch (error) {
      // Two workers raced on the same key: the unique index let one win; the retry sees it.
      if (!isDuplicateKeyError(error)) throw error;
      return (await write()).upsertedCount;
    }
  }

  async findByOrder(orderId: string): Promise<Notification[]> {
    const docs = await NotificationModel.find({ orderId }).sort({ createdAt: 1 }).lean();
    return docs.map((d) => toEntity<Notification>(d));
  }
}
