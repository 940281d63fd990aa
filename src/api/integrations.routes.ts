import { Router } from 'express';
import type { z } from 'zod';
import type { Container } from '../app/container';
import type { ConnectionHealth, DataRequest, StoreConnection } from '../integrations/integration';
import { StoreConnectionService, subscribedTopics } from '../integrations/store-connection.service';
import { AppError } from '../shared/app-error';
import { apiAudit } from './api-audit';
import { currentMerchant } from './auth';
import { presentOrder } from './presenters';
import type { dataRequestOutSchema, integrationOutSchema } from './schemas';
import { integrationInputSchema } from './schemas';
import { jsonBody } from './json-body';
import { validate } from './validate';

const noHealth: ConnectionHealth = {
  lastEventAt: null,
  accepted: 0,
  rejected: 0,
  duplicate: 0,
  lastError: null,
};

function presentDataRequest(r: DataRequest): z.output<typeof dataRequestOutSchema> {
  return {
    id: r.id,
    integrationId: r.connectionId,
    platform: r.platform,
    requestId: r.requestId ?? null,
    customer: {
      externalId: r.customer.externalId ?? null,
      email: r.customer.email ?? null,
      phone: r.customer.phone ?? null,
    },
    externalIds: r.externalIds,
    receivedAt: r.receivedAt.toISOString(),
  };
}

/** `/api/v1/integrations`: connected stores, their health, and guests' data requests. */
export function integrationApiRoutes(container: Container): Router {
  const { repositories } = container;
  const connections = new StoreConnectionService(container);
  const audit = apiAudit(repositories.auditLog, container.clock);
  const router = Router();
  // What the audit log keeps of a store: which store it is, never its secret.
  const storeOf = (c: StoreConnection) => ({
    platform: c.platform,
    ...(c.shopDomain ? { shopDomain: c.shopDomain } : {}),
    ...(c.storeUrl ? { storeUrl: c.storeUrl } : {}),
  });

  // The secret is write-only: nothing here reads `sealedSecret`.
  const present = (
    c: StoreConnection,
    health: ConnectionHealth,
  ): z.output<typeof integrationOutSchema> => ({
    id: c.id,
    platform: c.platform,
    shopDomain: c.shopDomain ?? null,
    storeUrl: c.storeUrl ?? null,
    webhookUrls: connections.webhookUrls(c),
    topics: [...subscribedTopics[c.platform]],
    createdAt: c.createdAt.toISOString(),
    health: {
      lastEventAt: health.lastEventAt?.toISOString() ?? null,
      accepted: health.accepted,
      rejected: health.rejected,
      duplicate: health.duplicate,
      lastError: health.lastError
        ? { at: health.lastError.at.toISOString(), message: health.lastError.message }
        : null,
    },
  });

  router.post('/api/v1/integrations', jsonBody, async (req, res) => {
    const input = validate(integrationInputSchema, req.body);
    const { connection, created } = await connections.connect(currentMerchant(req).id, input);
    await audit(req, {
      action: 'integration.connect',
      target: connection.id,
      ...(created
        ? { after: storeOf(connection) }
        : { before: storeOf(connection), after: { ...storeOf(connection), secretReplaced: true } }),
    });
    res.status(created ? 201 : 200).json(present(connection, noHealth));
  });
  router.get('/api/v1/integrations', async (req, res) => {
    const listed = await connections.list(currentMerchant(req).id);
    res.json({ integrations: listed.map((l) => present(l.connection, l.health)) });
  });
  router.get('/api/v1/integrations/data-requests', async (req, res) => {
    const requests = await repositories.dataRequests.list(currentMerchant(req).id, 100);
    res.json({ dataRequests: requests.map(presentDataRequest) });
  });
  router.get('/api/v1/integrations/data-requests/:id/export', async (req, res) => {
    const merchant = currentMerchant(req);
    const request = await repositories.dataRequests.findForMerchant(
      merchant.id,
      req.params.id as string,
    );
    if (!request) throw new AppError('not_found', 'No such data request.');
    const orders = await repositories.orders.findFromStore(merchant.id, request.orderPrefix, {
      externalIds: request.externalIds,
      email: request.customer.email,
    });
    const views = [];
    for (const order of orders)
      views.push(
        presentOrder(
          order,
          await repositories.shipments.findByOrder(order.id),
          await repositories.notifications.findByOrder(order.id),
        ),
      );
    res
      .setHeader('Content-Disposition', `attachment; filename="data-request-${request.id}.json"`)
      .json({ request: presentDataRequest(request), orders: views });
  });
  router.delete('/api/v1/integrations/:id', async (req, res) => {
    const removed = await repositories.storeConnections.remove(
      currentMerchant(req).id,
      req.params.id as string,
    );
    if (!removed) throw new AppError('not_found', 'No such integration.');
    await audit(req, {
      action: 'integration.remove',
      target: removed.id,
      before: storeOf(removed),
    });
    res.status(204).end();
  });
  return router;
}
