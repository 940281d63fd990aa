import express, { type Request, type Response, Router } from 'express';
import type { Container } from '../../app/container';
import type { Order } from '../../orders/order';
import { hashStatusToken, newStatusToken, statusLink } from '../../orders/status-token';
import { isFinal } from '../../tracking/domain/taxonomy';
import type { CsrfGuard } from '../csrf';
import { sendPage } from '../guest-headers';
import { guestLocale } from '../guest-locale';
import { guestPageText } from '../../i18n/guest-page-text';
import { lookupPage } from '../pages/guest-pages.page';
import { lookupFailureLimiters, lookupOrderNumber, sendTooMany } from '../guest-rate-limits';
import { clientKey } from '../miss-limiter';
import { logFor } from '../request-logging';

const field = (body: unknown, name: string, max: number): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
};

/**
 * When the order's links have already expired (final long enough ago), a lookup does not
 * revive it: the same retention applies however the guest arrives. Null: no expiry yet.
 */
async function expiryFor(container: Container, order: Order): Promise<Date | null | 'expired'> {
  const shipments = await container.repositories.shipments.findByOrder(order.id);
  if (shipments.length === 0 || !shipments.every((s) => isFinal(s.status))) return null;
  const merchant = await container.repositories.merchants.findById(order.merchantId);
  const ttlDays = merchant?.preferences.statusLinkTtlDays ?? 90;
  const lastFinal = Math.max(...shipments.map((s) => new Date(s.finalAt ?? s.updatedAt).getTime()));
  const expiresAt = new Date(lastFinal + ttlDays * 86_400_000);
  return expiresAt <= container.clock.now() ? 'expired' : expiresAt;
}

/** GET/POST /track: order number plus email or postal code leads to a fresh status link. */
export function lookupRoutes(container: Container, csrf: CsrfGuard): Router {
  const router = Router();
  const { config, repositories, logger } = container;
  const answer = (req: Request, res: Response, status: number, message?: string) => {
    const locale = guestLocale(req);
    const orderNumber = field(req.body, 'orderNumber', 64);
    sendPage(
      res,
      config,
      lookupPage(locale, { csrf: csrf.issue(req, res), orderNumber, message }),
      status,
    );
  };

  router.get('/track', (req, res) => answer(req, res, 200));

  const failures = lookupFailureLimiters(config, repositories.rateWindows, container.clock);
  router.post('/track', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const text = guestPageText[guestLocale(req)];
    if (!csrf.verify(req)) return answer(req, res, 403, text.formExpired);
    const orderNumber = lookupOrderNumber(req) && field(req.body, 'orderNumber', 64);
    const email = field(req.body, 'email', 254);
    const postalCode = field(req.body, 'postalCode', 16);
    if (!orderNumber || (!email && !postalCode)) return answer(req, res, 200, text.lookupNeedProof);
    const client = clientKey(req);
    const orderKey = lookupOrderNumber(req);
    const refusedFor = Math.max(
      failures.client.retryAfter(client),
      failures.order.retryAfter(orderKey),
    );
    // While refused, a guessable postal code is not even tried; an email still is, so nobody
    // can lock the real guest out by failing on their order number.
    if (refusedFor > 0 && !email) return sendTooMany(config, req, res, refusedFor);
    const order = await repositories.orders.findByLookup(
      orderNumber,
      email ? { email } : { postalCode },
    );
    const expiresAt = order ? await expiryFor(container, order) : 'expired';
    if (!order || expiresAt === 'expired') {
      await Promise.all([failures.client.fail(client), failures.order.fail(orderKey)]);
      if (refusedFor > 0) return sendTooMany(config, req, res, refusedFor);
      return answer(req, res, 200, text.lookupMiss);
    }
    // Tokens are stored only as hashes, so the guest gets a newly minted one.
    const token = newStatusToken();
    await repositories.statusTokens.create({
      tokenHash: hashStatusToken(token, config.security.tokenSecret),
      merchantId: order.merchantId,
      orderId: order.id,
      expiresAt,
    });
    logFor(req, logger).info({ orderId: order.id }, 'status link issued by lookup');
    res.redirect(303, statusLink(config.http.publicBaseUrl, token));
  });
  return router;
}
