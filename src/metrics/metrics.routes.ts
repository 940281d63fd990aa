import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import type { Registry } from 'prom-client';
import { sameSecret } from '../shared/same-secret';
import type { PlainMiddleware } from '../web/plain-middleware';
import type { Metrics } from './metrics';

/** GET /metrics in Prometheus text format; with a token, only for `Authorization: Bearer <token>`. */
export function metricsRoutes(registry: Registry, token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (token && !sameSecret(token, given)) {
      res
        .setHeader('WWW-Authenticate', 'Bearer')
        .status(401)
        .type('text/plain')
        .send('unauthorized\n');
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}

/** Times every request under its route pattern (never the raw URL: tokens live in paths). */
export function httpMetrics(metrics: Metrics): PlainMiddleware {
  return (req: IncomingMessage & { route?: { path?: string } }, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Express sets `route` when a route answers; the fast lane sets the one it stands for.
      const route = req.route?.path ?? 'unmatched';
      metrics.httpRequest(req.method ?? '', route, res.statusCode, seconds);
    });
    next();
  };
}

/** The worker's own small HTTP server: /metrics only. */
export function startMetricsServer(
  registry: Registry,
  options: { host: string; port: number; token: string | undefined },
): Promise<{ server: Server; url: string }> {
  const app = express();
  app.disable('x-powered-by');
  app.use(metricsRoutes(registry, options.token));
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const { address, port } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
      });
    });
  });
}
