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
  async add(message: Omit<DevMessage, 'id' | 'createdAt'>): Promise<DevMessage> {
    const doc = await DevMessageModel.create(message);
    return toEntity<DevMessage>(doc.toObject());
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
