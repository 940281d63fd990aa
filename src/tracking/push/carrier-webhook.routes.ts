import express, { Router } from 'express';
import { AppError } from '../../shared/app-error';
import type { CarrierResult } from '../carrier';
import type { CarrierRegistry } from '../carrier-registry';
import { parsePushBody } from './push-body';
import type { PushIngestion } from './push-ingestion';
import { pushSignatureHeader, verifyPushSignature } from './push-signature';
import type { Logger } from '../../shared/logger';
import { logFor } from '../../web/request-logging';

export interface CarrierWebhookDeps {
  carriers: CarrierRegistry;
  ingestion: PushIngestion;
  /** Generic-scheme secrets by carrier code (CARRIER_WEBHOOK_SECRETS). */
  secrets: Readonly<Record<string, string>>;
  logger: Logger;
}

/**
 * `POST /webhooks/carriers/:carrier`: pushed tracking updates, applied at once.
 *
 * A carrier adapter with `parsePush` verifies and parses its own vendor's scheme. Every other
 * carrier uses the generic scheme:
 * - the body is JSON `{"updates": [CarrierResult, ...]}`: each update has `trackingNumber`,
 *   `status` (the normalized taxonomy), `events` (`id`, `status`, `rawCode`, `rawText`,
 *   optional `reasonCode` and `location`, `occurredAt` as ISO 8601; an event time without an
 *   offset is stored as flagged local time), and optional `eta` (`date` YYYY-MM-DD, `source`)
 *   and `deliveredTo`, and `handledBy` (`name`, optional https `trackingUrl`) when the sender
 *   is an aggregator reporting the carrier that really carries the parcel;
 * - the header `X-Porchlight-Signature: sha256=<hex>` carries HMAC-SHA256 of the raw body bytes
 *   keyed with the carrier's secret from CARRIER_WEBHOOK_SECRETS (`code=secret,...`).
 *
 * Missing or wrong signatures, and carriers without a secret, get 403 and change nothing. A
 * valid push answers 200 with counts; 503 with Retry-After when a shipment stayed claimed by a
 * poller, so the sender retries (the diff makes a repeat harmless).
 */
export function carrierWebhookRoutes(deps: CarrierWebhookDeps): Router {
  const router = Router();
  router.post(
    '/webhooks/carriers/:carrier',
    express.raw({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const code = String(req.params.carrier);
      const adapter = deps.carriers.get(code);
      if (!adapter) throw new AppError('not_found', 'No such carrier.');
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let results: CarrierResult[] | null;
      if (adapter.parsePush) {
        results = adapter.parsePush({ rawBody, headers: req.headers });
      } else {
        const secret = deps.secrets[code];
        const signed =
          secret !== undefined &&
          verifyPushSignature(secret, rawBody, req.headers[pushSignatureHeader]);
        results = signed ? parsePushBody(rawBody) : null;
      }
      if (results === null) throw new AppError('forbidden', 'The signature is missing or wrong.');
      const summary = await deps.ingestion.ingest(code, results);
      logFor(req, deps.logger).info({ carrier: code, ...summary }, 'carrier push applied');
      if (summary.busy > 0) {
        throw new AppError('unavailable', 'Some shipments are being updated; retry shortly.', {
          retryAfterSeconds: 5,
        });
      }
      res.status(200).json(summary);
    },
  );
  return router;
}
