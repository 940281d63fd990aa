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

export class DevMessageRepository {
  /**
   * Written with the driver: the log senders stand in for providers in benchmarks and demos,
   * and mongoose's document lifecycle cost more than the write of a whole rendered email.
   */
  async add(message: Omit<DevMessage, 'id' | 'createdAt'>): Promise<DevMessage> {
    const createdAt = new Date();
    const doc = { ...message, createdAt, updatedAt: createdAt };
    const { insertedId } = await DevMessageModel.collection.insertOne(doc, {
      ignoreUndefined: true,
    });
    return { ...message, id: insertedId.toHexString(), createdAt };
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
