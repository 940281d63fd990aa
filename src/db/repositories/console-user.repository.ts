import { ConsoleUserModel } from '../models';
import { isDuplicateKeyError, objectId, toEntity, toEntityOrNull } from '../to-entity';
import { normalizeUserEmail, type ConsoleUser } from '../../console/console-user';

export class ConsoleUserRepository {
  /** Adds a user to a merchant; inviting someone twice keeps the first record. */
  async invite(
    merchantId: string,
    email: string,
    invitedBy: string,
  ): Promise<{ user: ConsoleUser; created: boolean }> {
    const filter = { merchantId: objectId(merchantId), email: normalizeUserEmail(email) };
    try {
      const result = await ConsoleUserModel.updateOne(
        filter,
        { $setOnInsert: { ...filter, invitedBy } },
        { upsert: true },
      );
      const doc = await ConsoleUserModel.findOne(filter).lean();
      return { user: toEntity<ConsoleUser>(doc), created: result.upsertedCount === 1 };
    } catch (error) {
      // Two invitations racing: the other one created it.
      if (!isDuplicateKeyError(error)) throw error;
      const doc = await ConsoleUserModel.findOne(filter).lean();
      return { user: toEntity<ConsoleUser>(doc), created: false };
    }
  }

  /** Every membership of this address (one person may work for several shops). */
  async findByEmail(email: string): Promise<ConsoleUser[]> {
    const docs = await ConsoleUserModel.find({ email: normalizeUserEmail(email) }).lean();
    return docs.map((d) => toEntity<ConsoleUser>(d));
  }

  async findForMerchant(merchantId: string, id: string): Promise<ConsoleUser | null> {
    const _id = objectId(id);
    if (!_id) return null;
    return toEntityOrNull<ConsoleUser>(
      await ConsoleUserModel.findOne({ _id, merchantId: objectId(merchantId) }).lean(),
    );
  }

  async listForMerchant(merchantId: string): Promise<ConsoleUser[]> {
    const docs = await ConsoleUserModel.find({ merchantId: objectId(merchantId) })
      .sort({ createdAt: 1 })
      .lean();
    return docs.map((d) => toEntity<ConsoleUser>(d));
  }

  async recordSignIn(id: string, at: Date): Promise<void> {
    await ConsoleUserModel.updateOne({ _id: objectId(id) }, { $set: { lastSignInAt: at } });
  }
}
