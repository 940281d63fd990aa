import { mongo } from 'mongoose';
import { DevMessageModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { Channel } from '../../tracking/domain/taxonomy';

export interface DevMessage {
  id: string;
  channel: Channel;
  to: string;
  from?: string;
  subject?: string;
  html?: string;
  text: string;
  headers?: Record<string, string>;
  notificationId?: string;
  providerMessageId: string;
  createdAt: Date;
}

type NewDevMessage = Omit<DevMessage, 'id' | 'createdAt'>;

interface QueuedInsert {
  doc: NewDevMessage & { _id: mongo.ObjectId; createdAt: Date; updatedAt: Date };
  settle: (error?: unknown) => void;
}

export class DevMessageRepository {
  private queued: QueuedInsert[] = [];

  /**
   * Written with the driver: the log senders stand in for providers in benchmarks and demos,
   * and mongoose's document lifecycle cost more than the write of a whole rendered email.
   * Messages added in the same turn of the event loop (a dispatch window's concurrent sends)
   * go in one `insertMany`: one round trip for the window instead of one per message.
   */
  async add(message: NewDevMessage): Promise<DevMessage> {
    const createdAt = new Date();
    const doc = { ...message, _id: new mongo.ObjectId(), createdAt, updatedAt: createdAt };
    await new Promise<void>((resolve, reject) => {
      this.queued.push({ doc, settle: (error) => (error ? reject(error) : resolve()) });
      if (this.queued.length === 1) setImmediate(() => void this.flush());
    });
    return { ...message, id: doc._id.toHexString(), createdAt };
  }

  private async flush(): Promise<void> {
    const batch = this.queued;
    this.queued = [];
    let failed = new Map<number, unknown>();
    try {
      await DevMessageModel.collection.insertMany(
        batch.map((q) => q.doc),
        { ordered: false, ignoreUndefined: true },
      );
    } catch (error) {
      const rejected = (error as { writeErrors?: Array<{ index: number }> }).writeErrors;
      failed = new Map(
        rejected?.length ? rejected.map((e) => [e.index, error]) : batch.map((_, i) => [i, error]),
      );
    }
    batch.forEach((q, i) => q.settle(failed.get(i)));
  }

  async list(limit = 100): Promise<DevMessage[]> {
    const docs = await DevMessageModel.find().sort({ createdAt: -1, _id: -1 }).limit(limit).lean();
    return docs.map((d) => toEntity<DevMessage>(d));
  }

  async findById(id: string): Promise<DevMessage | null> {
    const _id = objectId(id);
    return _id ? toEntityOrNull<DevMessage>(await DevMessageModel.findById(_id).lean()) : null;
  }
}
