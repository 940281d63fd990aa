import type { AuditEntry } from '../../audit/audit-entry';
import { AuditEntryModel } from '../models';
import { toEntity } from '../to-entity';

/** A JSON copy: no Date or class instances, no `undefined` keys, nothing shared with the caller. */
const snapshot = (value: unknown) =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);

export class AuditLogRepository {
  async record(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
    const doc = await AuditEntryModel.create({
      ...entry,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
    });
    return toEntity<AuditEntry>(doc.toObject());
  }

  /** Newest first, after an opaque position (same cursor idea as NotificationRepository.page). */
  async page(
    merchantId: string,
    limit: number,
    after?: { at: Date; id: string },
  ): Promise<AuditEntry[]> {
    const query: Record<string, unknown> = { merchantId };
    if (after) query.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }];
    const docs = await AuditEntryModel.find(query).sort({ at: -1, _id: -1 }).limit(limit).lean();
    return docs.map((d) => toEntity<AuditEntry>(d));
  }
}
