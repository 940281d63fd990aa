import { Router } from 'express';

/** /healthz: the process is alive. /readyz: it can reach its database. */
export function healthRoutes(isDatabaseReady: () => Promise<boolean>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const database = await isDatabaseReady();
    res
      .status(database ? 200 : 503)
      .json({ status: database ? 'ready' : 'unavailable', checks: { database } });
  });
  return router;
}
