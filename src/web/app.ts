import type { RequestListener } from 'node:http';
import express from 'express';
import helmet from 'helmet';
import type { Container } from '../app/container';
import { pingDatabase } from '../db/connection';
import { devOutboxRoutes } from './dev/dev-outbox.routes';
import { apiRoutes } from '../api/api.routes';
import { sendgridRoutes } from '../notify/webhooks/sendgrid.routes';
import { twilioRoutes } from '../notify/webhooks/twilio.routes';
import { unsubscribeRoutes } from '../notify/webhooks/unsubscribe.routes';
import { errorHandler, notFoundHandler } from './error-handler';
import { guestPages } from './guest-pages';
import type { PlainMiddleware } from './plain-middleware';
import { healthRoutes } from './health.routes';
import { requestLogging } from './request-logging';
import { httpMetrics, metricsRoutes } from '../metrics/metrics.routes';
import { carrierWebhookRoutes } from '../tracking/push/carrier-webhook.routes';
import { storeWebhookRoutes } from '../integrations/store-webhook.routes';
import { consoleRoutes } from '../console/console.routes';

/**
 * Builds the web process's request listener: the Express app (guest pages, merchant API,
 * webhooks and operations endpoints) behind the status page's fast lane, which answers fresh
 * cached status-page hits with the same middlewares and bytes but without Express's own cost.
 */
export function createWebApp(container: Container): RequestListener {
  const { config, logger, repositories } = container;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  // Every request's first steps, plain so that the fast lane runs the very same ones.
  const prologue: PlainMiddleware[] = [
    requestLogging(logger),
    httpMetrics(container.metrics),
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          upgradeInsecureRequests: config.production ? [] : null,
        },
      },
      hsts: config.production,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  ];
  app.use(...prologue);
  app.use(healthRoutes(() => pingDatabase()));
  // The web port is public: in production /metrics exists only behind METRICS_TOKEN.
  if (config.metrics.token || !config.production)
    app.use(metricsRoutes(container.metricsRegistry, config.metrics.token));
  if (config.demo && !config.production) app.use(devOutboxRoutes(repositories.devMessages));
  const guest = guestPages(container, prologue);
  app.use(guest.router);
  app.use(consoleRoutes(container));
  app.use(
    carrierWebhookRoutes({
      carriers: container.carriers,
      ingestion: container.tracking.push,
      secrets: config.tracking.webhookSecrets,
      logger,
    }),
  );
  app.use(storeWebhookRoutes(container));
  app.use(apiRoutes(container));
  app.use(twilioRoutes(container));
  app.use(sendgridRoutes(container));
  app.use(unsubscribeRoutes(container));
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return (req, res) => {
    try {
      if (guest.fastLane(req, res)) return;
    } catch {
      // The lane renders before it writes anything; should the render throw, the route
      // renders again and answers with the error page and log line of any failed request.
    }
    void app(req, res);
  };
}
