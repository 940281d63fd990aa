import { Router, type Request } from 'express';
import { rateLimit, type AugmentedRequest } from 'express-rate-limit';
import type { Container } from '../app/container';
import { changedPaths } from '../audit/audit-entry';
import type { WebhookEndpoint } from '../db/repositories/webhook.repository';
import { addWebhookEndpoint } from '../merchant-webhooks/webhook-endpoints';
import { mergeSettings } from '../merchants/merge-settings';
import { MongoRateLimitStore } from '../shared/rate-limit-store';
import { OrderService } from '../orders/order.service';
import { AppError } from '../shared/app-error';
import { FailureLimiter, secondsUntil } from '../shared/failure-limiter';
import { apiAudit } from './api-audit';
import { currentApiKeyId, currentMerchant, requireApiKey } from './auth';
import { decodeCursor, pageOf } from './cursor';
import { auditLogApiRoutes } from './audit-log.routes';
import { integrationApiRoutes } from './integrations.routes';
import { suppressionApiRoutes } from './suppressions.routes';
import { jsonBody } from './json-body';
import { openApiDocument } from './openapi';
import { presentNotification, presentOrder } from './presenters';
import { previewRoutes } from './previews.routes';
import {
  merchantSettingsPatchSchema,
  merchantSettingsSchema,
  notificationQuerySchema,
  orderInputSchema,
  shipmentInputSchema,
  statsDefaultDays,
  statsQuerySchema,
  webhookInputSchema,
} from './schemas';
import { validate } from './validate';

/** The merchant JSON API under /api/v1. */
export function apiRoutes(container: Container): Router {
  const { repositories, config, clock } = container;
  const orders = new OrderService(container);
  const audit = apiAudit(repositories.auditLog, clock);
  const router = Router();
  router.get(
    '/api/v1/openapi.json',
    (_req, res) => void res.json(openApiDocument(config.http.publicBaseUrl)),
  );
  const now = () => clock.now();
  const authFailures = new FailureLimiter(repositories.rateWindows, {
    scope: 'api-auth-client',
    limit: config.api.authFailureLimit,
    windowMs: 15 * 60_000,
    now,
  });
  router.use('/api/v1', requireApiKey(repositories, authFailures));
  router.use(
    '/api/v1',
    rateLimit({
      windowMs: 60_000,
      limit: config.api.requestsPerMinute,
      store: new MongoRateLimitStore(repositories.rateWindows, 'api-key', now),
      keyGenerator: (req) => currentApiKeyId(req),
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // The fixed window ends at resetTime, not a whole window after this request.
      handler: (req, _res, next, options) =>
        next(
          new AppError('rate_limited', 'Too many requests for this API key.', {
            retryAfterSeconds: secondsUntil(
              (req as AugmentedRequest).rateLimit?.resetTime ??
                new Date(now().getTime() + options.windowMs),
              now(),
            ),
          }),
        ),
    }),
  );

  router.use(integrationApiRoutes(container));
  router.use(suppressionApiRoutes(container));
  router.use(auditLogApiRoutes(container));

  async function orderView(merchantId: string, orderId: string) {
    const order = await repositories.orders.findForMerchant(merchantId, orderId);
    if (!order) throw new AppError('not_found', 'No such order.');
    return presentOrder(
      order,
      await repositories.shipments.findByOrder(order.id),
      await repositories.notifications.findByOrder(order.id),
    );
  }

  router.post('/api/v1/orders', jsonBody, async (req, res) => {
    const merchant = currentMerchant(req);
    const input = validate(orderInputSchema, req.body);
    const { order, created, statusUrl } = await orders.upsert(merchant, input, {
      requestId: String(req.id),
    });
    res
      .status(created ? 201 : 200)
      .json({ order: await orderView(merchant.id, order.id), statusUrl });
  });
  router.get('/api/v1/orders/:id', async (req, res) => {
    res.json(await orderView(currentMerchant(req).id, req.params.id as string));
  });
  router.post('/api/v1/orders/:id/shipments', jsonBody, async (req, res) => {
    const merchant = currentMerchant(req);
    await orders.addShipment(
      merchant,
      req.params.id as string,
      validate(shipmentInputSchema, req.body),
      String(req.id),
    );
    res.status(201).json(await orderView(merchant.id, req.params.id as string));
  });
  router.post('/api/v1/orders/:id/status-link', async (req, res) => {
    res.json({ statusUrl: await orders.rotateLink(currentMerchant(req), req.params.id as string) });
  });
  router.delete('/api/v1/orders/:id', async (req, res) => {
    await orders.erase(currentMerchant(req), req.params.id as string);
    res.status(204).end();
  });

  const settingsOf = (m: ReturnType<typeof currentMerchant>) => ({
    preferences: m.preferences,
    branding: m.branding,
    senders: m.senders,
  });
  router.get('/api/v1/preferences', (req, res) => void res.json(settingsOf(currentMerchant(req))));
  /** Saves valid settings; an entry in the audit log when anything changed. */
  async function saveSettings(req: Request, input: unknown) {
    const merchant = currentMerchant(req);
    const before = settingsOf(merchant);
    const updated = await repositories.merchants.update(
      merchant.id,
      validate(merchantSettingsSchema, input),
    );
    const after = settingsOf(updated ?? merchant);
    if (changedPaths(before, after).length > 0)
      await audit(req, { action: 'settings.update', target: 'preferences', before, after });
    return after;
  }
  router.put('/api/v1/preferences', jsonBody, async (req, res) => {
    res.json(await saveSettings(req, req.body));
  });
  router.patch('/api/v1/preferences', jsonBody, async (req, res) => {
    const patch = validate(merchantSettingsPatchSchema, req.body);
    res.json(await saveSettings(req, mergeSettings(settingsOf(currentMerchant(req)), patch)));
  });

  previewRoutes(router, container);

  router.get('/api/v1/notifications', async (req, res) => {
    const merchant = currentMerchant(req);
    const q = validate(notificationQuerySchema, req.query);
    const after = decodeCursor(q.cursor);
    const { items, nextCursor } = pageOf(
      await repositories.notifications.page(
        merchant.id,
        { orderId: q.orderId, state: q.state, channel: q.channel, milestone: q.milestone },
        q.limit + 1,
        after && { createdAt: after.at, id: after.id },
      ),
      q.limit,
      (n) => ({ at: n.createdAt, id: n.id }),
    );
    res.json({ notifications: items.map(presentNotification), nextCursor });
  });

  router.get('/api/v1/stats', async (req, res) => {
    const q = validate(statsQuerySchema, req.query);
    const to = q.to ? new Date(q.to) : clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - statsDefaultDays * 86_400_000);
    if (from >= to)
      throw new AppError('validation_failed', 'The request has invalid fields.', {
        fields: [{ field: 'to', message: 'from must be before to' }],
      });
    const stats = await repositories.notifications.stats(currentMerchant(req).id, from, to);
    const ratio = (part: number, whole: number) =>
      whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
    res.json({
      from: from.toISOString(),
      to: to.toISOString(),
      counts: stats.counts,
      // Rates only over what providers reported: opens and clicks exist for email alone.
      channels: stats.engagement.map((e) => ({
        ...e,
        deliveryRate: ratio(e.delivered, e.sent),
        openRate: e.channel === 'email' ? ratio(e.opened, e.delivered || e.sent) : null,
        clickRate: e.channel === 'email' ? ratio(e.clicked, e.delivered || e.sent) : null,
      })),
    });
  });

  const presentWebhook = (w: WebhookEndpoint, secret?: string) => ({
    id: w.id,
    url: w.url,
    milestones: w.milestones,
    ...(secret ? { secret } : {}),
    disabled: Boolean(w.disabledAt),
    disabledReason: w.disabledReason ?? null,
    createdAt: w.createdAt.toISOString(),
  });
  router.post('/api/v1/webhooks', jsonBody, async (req, res) => {
    const input = validate(webhookInputSchema, req.body);
    const { endpoint, secret } = await addWebhookEndpoint(
      container,
      currentMerchant(req).id,
      input,
    );
    await audit(req, {
      action: 'webhook.create',
      target: endpoint.id,
      after: { url: endpoint.url, milestones: endpoint.milestones },
    });
    res.status(201).json(presentWebhook(endpoint, secret));
  });
  router.get('/api/v1/webhooks', async (req, res) => {
    res.json({
      webhooks: (await repositories.webhooks.listEndpoints(currentMerchant(req).id)).map((w) =>
        presentWebhook(w),
      ),
    });
  });
  router.get('/api/v1/webhooks/deliveries', async (req, res) => {
    const deliveries = await repositories.webhooks.listDeliveries(currentMerchant(req).id, 100);
    res.json({
      deliveries: deliveries.map((d) => ({
        id: d.id,
        webhookId: d.endpointId,
        eventId: d.eventId,
        state: d.state,
        attempts: d.attempts,
        nextAttemptAt: d.state === 'pending' ? d.nextAttemptAt.toISOString() : null,
        history: d.history.map((h) => ({
          at: h.at.toISOString(),
          status: h.status ?? null,
          error: h.error ?? null,
        })),
      })),
    });
  });
  router.delete('/api/v1/webhooks/:id', async (req, res) => {
    const removed = await repositories.webhooks.removeEndpoint(
      currentMerchant(req).id,
      req.params.id as string,
    );
    if (!removed) throw new AppError('not_found', 'No such webhook.');
    await audit(req, {
      action: 'webhook.delete',
      target: removed.id,
      before: { url: removed.url, milestones: removed.milestones },
    });
    res.status(204).end();
  });

  router.post('/api/v1/api-keys', async (req, res) => {
    const merchant = currentMerchant(req);
    const { apiKey, secret } = await repositories.apiKeys.issue(merchant.id);
    await audit(req, {
      action: 'api_key.create',
      target: apiKey.id,
      after: { prefix: apiKey.prefix },
    });
    res.status(201).json({
      id: apiKey.id,
      prefix: apiKey.prefix,
      key: secret,
      createdAt: apiKey.createdAt.toISOString(),
    });
  });
  router.delete('/api/v1/api-keys/:id', async (req, res) => {
    const revoked = await repositories.apiKeys.revoke(
      currentMerchant(req).id,
      req.params.id as string,
      clock.now(),
    );
    if (!revoked) throw new AppError('not_found', 'No such live key.');
    await audit(req, {
      action: 'api_key.revoke',
      target: revoked.id,
      before: { prefix: revoked.prefix },
    });
    res.status(204).end();
  });
  return router;
}
