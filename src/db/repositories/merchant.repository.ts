import { MerchantModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { Merchant } from '../../merchants/merchant';

export type NewMerchant = Omit<Merchant, 'id' | 'createdAt' | 'updatedAt'>;

export class MerchantRepository {
  async findById(id: string): Promise<Merchant | null> {
    const _id = objectId(id);
    return _id ? toEntityOrNull<Merchant>(await MerchantModel.findById(_id).lean()) : null;
  }

  /** Several merchants in one query (a batch's merchants). */
  async findByIds(ids: string[]): Promise<Merchant[]> {
    if (ids.length === 0) return [];
    const docs = await MerchantModel.find({ _id: { $in: [...new Set(ids)] } }).lean();
    return docs.map((d) => toEntity<Merchant>(d));
  }

  async findBySlug(slug: string): Promise<Merchant | null> {
    return toEntityOrNull<Merchant>(await MerchantModel.findOne({ slug }).lean());
  }

  /** The merchant that texts from its own number or Messaging Service, if this one is theirs. */
  async findBySmsSender(to: string, messagingServiceSid?: string): Promise<Merchant | null> {
    const senders: Array<Record<string, string>> = [];
    if (to) senders.push({ 'senders.sms.fromNumber': to });
    if (messagingServiceSid)
      senders.push({ 'senders.sms.messagingServiceSid': messagingServiceSid });
    if (senders.length === 0) return null;
    return toEntityOrNull<Merchant>(await MerchantModel.findOne({ $or: senders }).lean());
  }

  /** Creates the merchant once; later calls return the existing one unchanged. */
  async ensure(slug: string, merchant: NewMerchant): Promise<Merchant> {
    const doc = await MerchantModel.findOneAndUpdate(
      { slug },
      { $setOnInsert: { slug, ...merchant } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return toEntity<Merchant>(doc);
  }

  async create(slug: string, merchant: NewMerchant): Promise<Merchant> {
    const doc = await MerchantModel.create({ slug, ...merchant });
    return toEntity<Merchant>(doc.toObject());
  }

  async update(
    merchantId: string,
    changes: Partial<Pick<Merchant, 'name' | 'branding' | 'senders' | 'preferences'>>,
  ): Promise<Merchant | null> {
    const doc = await MerchantModel.findByIdAndUpdate(
      merchantId,
      { $set: changes },
      { returnDocument: 'after' },
    ).lean();
    return toEntityOrNull<Merchant>(doc);
  }
}
