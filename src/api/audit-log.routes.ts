import { Router } from 'express';
import type { Container } from '../app/container';
import { currentMerchant } from './auth';
import { decodeCursor, pageOf } from './cursor';
import { presentAuditEntry } from './presenters';
import { auditLogQuerySchema } from './schemas';
import { validate } from './validate';

/** `GET /api/v1/audit-log`: the changes made to the merchant's account, newest first. */
export function auditLogApiRoutes(container: Container): Router {
  const { repositories } = container;
  const router = Router();
  router.get('/api/v1/audit-log', async (req, res) => {
    const q = validate(auditLogQuerySchema, req.query);
    const { items, nextCursor } = pageOf(
      await repositories.auditLog.page(
        currentMerchant(req).id,
        q.limit + 1,
        decodeCursor(q.cursor),
      ),
      q.limit,
      (e) => ({ at: e.at, id: e.id }),
    );
    res.json({ entries: items.map(presentAuditEntry), nextCursor });
  });
  return router;
}
