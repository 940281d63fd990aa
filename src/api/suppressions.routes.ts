import { Router } from 'express';
import type { Container } from '../app/container';
import { AppError } from '../shared/app-error';
import { apiAudit } from './api-audit';
import { currentMerchant } from './auth';
import { decodeCursor, pageOf } from './cursor';
import { jsonBody } from './json-body';
import { presentSuppression } from './presenters';
import { suppressionLiftInputSchema, suppressionQuerySchema } from './schemas';
import { validate } from './validate';

/** `/api/v1/suppressions`: the addresses nothing is sent to, and lifting the merchant's own. */
export function suppressionApiRoutes(container: Container): Router {
  const { repositories } = container;
  const audit = apiAudit(repositories.auditLog, container.clock);
  const router = Router();

  router.get('/api/v1/suppressions', async (req, res) => {
    const q = validate(suppressionQuerySchema, req.query);
    const after = decodeCursor(q.cursor);
    const { items, nextCursor } = pageOf(
      await repositories.suppressions.list(currentMerchant(req).id, {
        limit: q.limit + 1,
        after: after && { createdAt: after.at, id: after.id },
        channel: q.channel,
      }),
      q.limit,
      (s) => ({ at: s.createdAt, id: s.id }),
    );
    res.json({ suppressions: items.map(presentSuppression), nextCursor });
  });

  router.post('/api/v1/suppressions/:id/lift', jsonBody, async (req, res) => {
    const { reason } = validate(suppressionLiftInputSchema, req.body);
    const merchantId = currentMerchant(req).id;
    const id = req.params.id as string;
    const found = await repositories.suppressions.findForMerchant(merchantId, id);
    if (!found) throw new AppError('not_found', 'No such suppression.');
    if (found.global)
      throw new AppError(
        'conflict',
        'This suppression applies to every merchant on the shared sender, so it cannot be lifted from one account.',
      );
    const lifted = await repositories.suppressions.liftById(merchantId, id);
    if (!lifted) throw new AppError('not_found', 'No such suppression.');
    const shown = presentSuppression(lifted);
    await audit(req, { action: 'suppression.lift', target: lifted.id, before: shown, reason });
    res.json({ lifted: shown });
  });
  return router;
}
