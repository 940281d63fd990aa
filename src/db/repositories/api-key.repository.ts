import { ApiKeyModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { ApiKey } from '../../merchants/merchant';

export class ApiKeyRepository {
  async add(key: Omit<ApiKey, 'id' | 'createdAt' | 'revokedAt'>): Promise<ApiKey> {
    const doc = await ApiKeyModel.create(key);
    return toEntity<ApiKey>(doc.toObject());
  }

  async findActiveByHash(hash: string): Promise<ApiKey | null> {
    return toEntityOrNull<ApiKey>(await ApiKeyModel.findOne({ hash, revokedAt: null }).lean());
  }

  async listForMerchant(merchantId: string): Promise<ApiKey[]> {
    const docs = await ApiKeyModel.find({ merchantId }).sort({ createdAt: 1 }).lean();
    return docs.map((d) => toEntity<ApiKey>(d));
  }

  /** Revokes one of the merchant's keys; false when it has no such live key. */
  async revoke(merchantId: string, keyId: string, at: Date): Promise<boolean> {
    const _id = objectId(keyId);
    if (!_id) return false;
    const result = await ApiKeyModel.updateOne(
      { _id, merchantId, revokedAt: null },
      { $set: { revokedAt: at } },
    );
    return result.modifiedCount === 1;
  }
}
