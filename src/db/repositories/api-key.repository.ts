import { ApiKeyModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { ApiKey } from '../../merchants/merchant';
import { newApiKey } from '../../merchants/api-key-secret';

export class ApiKeyRepository {
  /** Issues a new random key for the merchant; the secret is returned once and stored hashed. */
  async issue(merchantId: string): Promise<{ apiKey: ApiKey; secret: string }> {
    const secret = newApiKey();
    const apiKey = await this.add({ merchantId, prefix: secret.prefix, hash: secret.hash });
    return { apiKey, secret: secret.key };
  }

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

  /** Revokes one of the merchant's live keys and returns it; null when it has no such key. */
  async revoke(merchantId: string, keyId: string, at: Date): Promise<ApiKey | null> {
    const _id = objectId(keyId);
    if (!_id) return null;
    const doc = await ApiKeyModel.findOneAndUpdate(
      { _id, merchantId, revokedAt: null },
      { $set: { revokedAt: at } },
      { returnDocument: 'after' },
    ).lean();
    return toEntityOrNull<ApiKey>(doc);
  }
}
