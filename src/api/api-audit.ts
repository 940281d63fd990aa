import type { Request } from 'express';
import type { AuditEntry } from '../audit/audit-entry';
import type { AuditLogRepository } from '../db/repositories/audit-log.repository';
import type { Clock } from '../shared/clock';
import { currentApiKey, currentMerchant } from './auth';

/** What a request changed; who and when come from the request and the clock. */
export type ApiChange = Pick<AuditEntry, 'action' | 'target' | 'before' | 'after' | 'reason'>;

/**
 * Records the changes the merchant API makes in the merchant's audit log, by the API key that
 * made them (labelled with its prefix). Called once the change is made, so a refused request
 * leaves no entry. Snapshots never hold secrets: callers pass `{ prefix }`, not a key.
 */
export function apiAudit(
  auditLog: AuditLogRepository,
  clock: Clock,
): (req: Request, change: ApiChange) => Promise<void> {
  return async (req, change) => {
    const key = currentApiKey(req);
    await auditLog.record({
      merchantId: currentMerchant(req).id,
      actor: { kind: 'api_key', id: key.id, label: key.prefix },
      at: clock.now(),
      ...change,
    });
  };
}
