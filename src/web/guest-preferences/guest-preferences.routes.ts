import express, { type Request, type Response, Router } from 'express';
import { guestPageText } from '../../i18n/guest-page-text';
import type { GuestPreferences, Order } from '../../orders/order';
import { hashStatusToken, isWellFormedToken } from '../../orders/status-token';
import type { Merchant } from '../../merchants/merchant';
import type { CsrfGuard } from '../csrf';
import { sendPage } from '../guest-headers';
import { guestLocale } from '../guest-locale';
import { preferencesPage } from '../pages/preferences.page';
import type { StatusPageDeps } from '../status-page/status-page.routes';
import { sendMiss } from '../status-page/status-page.routes';
import { logFor } from '../request-logging';

/** Where the guest can be reached: an address, and for SMS the consent the law asks for. */
export function availableChannels(order: Order): { email: boolean; sms: boolean } {
  return {
    email: Boolean(order.guest.email) && order.guest.consent.email.granted !== false,
    sms: Boolean(order.guest.phone) && order.guest.consent.sms.granted === true,
  };
}

/** The submitted form as preferences; channels the guest cannot use keep their stored value. */
export function preferencesFromForm(body: unknown, order: Order): GuestPreferences {
  const form = (body ?? {}) as Record<string, unknown>;
  const current = order.guest.preferences;
  const available = availableChannels(order);
  return {
    channels: {
      email: available.email ? form.email === 'on' : current.channels.email,
      sms: available.sms ? form.sms === 'on' : current.channels.sms,
    },
    level: form.level === 'key' || form.level === 'all' ? form.level : current.level,
    stopped: form.stopped === 'on',
  };
}

/** GET/POST /t/:token/preferences. Always read fresh from the database, never from the page cache. */
export function guestPreferencesRoutes(deps: StatusPageDeps): Router {
  const router = Router();
  const { container, csrf } = deps;
  const { config, repositories, clock } = container;

  async function resolve(token: string): Promise<{ order: Order; merchant: Merchant } | null> {
    if (!isWellFormedToken(token)) return null;
    const record = await repositories.statusTokens.findUsable(
      hashStatusToken(token, config.security.tokenSecret),
      clock.now(),
    );
    if (!record) return null;
    const [order, merchant] = await Promise.all([
      repositories.orders.findById(record.orderId),
      repositories.merchants.findById(record.merchantId),
    ]);
    return order && merchant && !order.erasedAt ? { order, merchant } : null;
  }

  function show(
    req: Request,
    res: Response,
    found: { order: Order; merchant: Merchant },
    csrfGuard: CsrfGuard,
    message?: { kind: 'saved' | 'error'; text: string },
    status = 200,
  ) {
    const { order, merchant } = found;
    const locale = guestLocale(req, order.guest.locale, merchant.preferences.defaultLocale);
    sendPage(
      res,
      config,
      preferencesPage({
        locale,
        brand: {
          name: merchant.branding.displayName || merchant.name,
          color: merchant.branding.primaryColor,
        },
        orderNumber: order.orderNumber,
        preferences: order.guest.preferences,
        available: availableChannels(order),
        csrf: csrfGuard.issue(req, res),
        statusPath: `/t/${String(req.params.token)}`,
        message,
      }),
      status,
    );
  }

  router.get('/t/:token/preferences', async (req, res) => {
    const found = await resolve(String(req.params.token));
    if (!found) return sendMiss(req, res, deps, false);
    const locale = guestLocale(
      req,
      found.order.guest.locale,
      found.merchant.preferences.defaultLocale,
    );
    const saved =
      req.query.saved === '1'
        ? { kind: 'saved' as const, text: guestPageText[locale].saved }
        : undefined;
    show(req, res, found, csrf, saved);
  });

  router.post(
    '/t/:token/preferences',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const token = String(req.params.token);
      const found = await resolve(token);
      if (!found) return sendMiss(req, res, deps, false);
      const locale = guestLocale(
        req,
        found.order.guest.locale,
        found.merchant.preferences.defaultLocale,
      );
      if (!csrf.verify(req))
        return show(
          req,
          res,
          found,
          csrf,
          { kind: 'error', text: guestPageText[locale].formExpired },
          403,
        );
      const preferences = preferencesFromForm(req.body, found.order);
      await repositories.orders.updateGuestPreferences(found.order.id, preferences);
      logFor(req, container.logger).info({ orderId: found.order.id }, 'guest preferences changed');
      res.redirect(303, `/t/${token}/preferences?lang=${locale}&saved=1`);
    },
  );
  return router;
}
