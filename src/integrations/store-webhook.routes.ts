import express, { Router, type Response } from 'express';
import type { Container } from '../app/container';
import { AppError } from '../shared/app-error';
import { StoreConnectionService } from './store-connection.service';
import { WebhookIntake, type IntakeResult } from './webhook-intake';

/** WooCommerce's test delivery when a webhook is saved: a form body, unsigned. */
const wooPing = /^webhook_id=\d+$/;

function answer(result: IntakeResult, res: Response): void {
  if (result === 'rejected')
    throw new AppError('unauthorized', 'Unknown store or wrong webhook signature.');
  if (result === 'malformed')
    throw new AppError('bad_request', 'Expected a JSON object with topic and delivery id headers.');
  res.status(200).json({ received: result });
}

/**
 * Store webhooks: `POST /integrations/shopify/webhooks` (the shop from X-Shopify-Shop-Domain)
 * and `POST /integrations/woocommerce/webhooks/:connectionId`. Both read the raw body (up to
 * STORE_WEBHOOK_MAX_KB, else 413), verify it, store it once and answer 200.
 */
export function storeWebhookRoutes(container: Container): Router {
  const { repositories, config } = container;
  const connections = new StoreConnectionService(container);
  const intake = new WebhookIntake({ ...container, connections });
  const raw = express.raw({ type: () => true, limit: config.stores.webhookMaxBytes });
  const body = (req: express.Request) => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  const router = Router();

  router.post('/integrations/shopify/webhooks', raw, async (req, res) => {
    const shop = req.header('x-shopify-shop-domain')?.trim().toLowerCase();
    const result = await intake.receive({
      platform: 'shopify',
      connection: shop ? await repositories.storeConnections.findShop(shop) : null,
      rawBody: body(req),
      signature: req.header('x-shopify-hmac-sha256'),
      topic: req.header('x-shopify-topic'),
      deliveryId: req.header('x-shopify-webhook-id'),
      eventId: req.header('x-shopify-event-id'),
    });
    answer(result, res);
  });

  router.post('/integrations/woocommerce/webhooks/:connectionId', raw, async (req, res) => {
    const connection = await repositories.storeConnections.findById(
      req.params.connectionId as string,
    );
    const rawBody = body(req);
    if (!req.header('x-wc-webhook-topic') && wooPing.test(rawBody.toString('utf8'))) {
      if (connection?.platform !== 'woocommerce')
        throw new AppError('unauthorized', 'Unknown store.');
      res.status(200).json({ received: 'ping' });
      return;
    }
    const result = await intake.receive({
      platform: 'woocommerce',
      connection,
      rawBody,
      signature: req.header('x-wc-webhook-signature'),
      topic: req.header('x-wc-webhook-topic'),
      deliveryId: req.header('x-wc-webhook-delivery-id'),
    });
    answer(result, res);
  });
  return router;
}
