import { ConsoleSessionModel, ConsoleSignInLinkModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { ConsoleSession, SettingsDraft } from '../../console/console-user';

/** Sign-in links and sessions; both are found by the hash of their secret (unique index). */
export class ConsoleSessionRepository {
  async addSignInLink(link: {
    tokenHash: string;
    userId: string;
    merchantId: string;
    expiresAt: Date;
    createdAt: Date;
  }): Promise<void> {
    await ConsoleSignInLinkModel.create(link);
  }

  /** Marks the link used and returns it, once: a second use, or an expired link, gets null. */
  async useSignInLink(
    tokenHash: string,
    now: Date,
  ): Promise<{ userId: string; merchantId: string } | null> {
    const doc = await ConsoleSignInLinkModel.findOneAndUpdate(
      { tokenHash, usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
      { returnDocument: 'after' },
    ).lean();
    return doc
      ? { userId: doc.userId.toHexString(), merchantId: doc.merchantId.toHexString() }
      : null;
  }

  async create(
    tokenHash: string,
    session: Omit<ConsoleSession, 'id' | 'revokedAt' | 'draft'>,
  ): Promise<ConsoleSession> {
    const doc = await ConsoleSessionModel.create({ ...session, tokenHash });
    const { tokenHash: _secret, ...rest } = doc.toObject();
    return toEntity<ConsoleSession>(rest);
  }

  async findByTokenHash(tokenHash: string): Promise<ConsoleSession | null> {
    return toEntityOrNull<ConsoleSession>(
      await ConsoleSessionModel.findOne({ tokenHash }, { tokenHash: 0 }).lean(),
    );
  }

  async touch(id: string, at: Date): Promise<void> {
    await ConsoleSessionModel.updateOne({ _id: objectId(id) }, { $set: { lastSeenAt: at } });
  }

  async saveDraft(id: string, draft: SettingsDraft | null): Promise<void> {
    await ConsoleSessionModel.updateOne({ _id: objectId(id) }, { $set: { draft } });
  }

  /** Revokes one session, only if it belongs to this user. */
  async revoke(userId: string, id: string, at: Date): Promise<boolean> {
    const _id = objectId(id);
    if (!_id) return false;
    const result = await ConsoleSessionModel.updateOne(
      { _id, userId: objectId(userId), revokedAt: null },
      { $set: { revokedAt: at } },
    );
    return result.modifiedCount === 1;
  }

  /** The user's sessions that are not revoked or expired, newest first. */
  async listLive(userId: string, now: Date): Promise<ConsoleSession[]> {
    const docs = await ConsoleSessionModel.find(
      { userId: objectId(userId), revokedAt: null, expiresAt: { $gt: now } },
      { tokenHash: 0, draft: 0 },
    )
      .sort({ createdAt: -1 })
      .lean();
    return docs.map((d) => toEntity<ConsoleSession>(d));
  }
}
