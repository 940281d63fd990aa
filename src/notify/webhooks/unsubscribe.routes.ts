import express, { Router, type Response } from 'express';
import type { Container } from '../../app/container';
import { guestHeaders, sendPage } from '../../web/guest-headers';
import { html } from '../../web/html';
import { layout } from '../../web/pages/layout';
import { resolveLocale, type Locale } from '../../i18n/locale';
import { fillText } from '../render/fill-text';
import { verifyUnsubscribeToken } from '../unsubscribe-link';

const copy: Record<
  Locale,
  { title: string; ask: string; button: string; done: string; missing: string }
> = {
  en: {
    title: 'Unsubscribe',
    ask: 'Stop receiving {channel} updates about your orders from {merchant}?',
    button: 'Unsubscribe',
    done: 'You will no longer receive these {channel} updates from {merchant}.',
    missing: 'This unsubscribe link is not valid.',
  },
  es: {
    title: 'Darse de baja',
    ask: '¿Dejar de recibir avisos por {channel} sobre tus pedidos de {merchant}?',
    button: 'Darme de baja',
    done: 'Ya no recibirás estos avisos por {channel} de {merchant}.',
    missing: 'Este enlace de baja no es válido.',
  },
  fr: {
    title: 'Se désabonner',
    ask: 'Ne plus recevoir les mises à jour par {channel} de vos commandes chez {merchant} ?',
    button: 'Me désabonner',
    done: 'Vous ne recevrez plus ces mises à jour par {channel} de {merchant}.',
    missing: 'Ce lien de désabonnement n’est pas valide.',
  },
  de: {
    title: 'Abbestellen',
    ask: 'Keine {channel}-Updates zu Ihren Bestellungen bei {merchant} mehr erhalten?',
    button: 'Abbestellen',
    done: 'Sie erhalten diese {channel}-Updates von {merchant} nicht mehr.',
    missing: 'Dieser Abmeldelink ist ungültig.',
  },
};

/**
 * GET /u/:token only asks (link scanners fetch every link); POST /u/:token unsubscribes in one
 * click (RFC 8058), for one guest address, one channel and one merchant.
 */
export function unsubscribeRoutes(container: Pick<Container, 'config' | 'repositories'>): Router {
  const { config, repositories } = container;
  const router = Router();
  router.use('/u', guestHeaders(config));

  async function resolve(token: string) {
    const id = verifyUnsubscribeToken(token, config.security.tokenSecret);
    const notification = id ? await repositories.notifications.findById(id) : null;
    const merchant = notification
      ? await repositories.merchants.findById(notification.merchantId)
      : null;
    return notification && merchant && notification.recipient ? { notification, merchant } : null;
  }

  function page(
    res: Response,
    locale: Locale,
    merchant: { name: string; color: string } | undefined,
    main: ReturnType<typeof html>,
    status = 200,
  ) {
    const t = copy[locale];
    sendPage(
      res,
      config,
      layout({
        locale,
        title: t.title,
        brand: merchant ?? { name: 'Porchlight', color: '#2f4f6b' },
        main,
        path: '/u',
      }),
      status,
    );
  }

  /** A link that was tampered with, or whose notification or merchant is gone. */
  const missing = (res: Response, locale: Locale) =>
    page(
      res,
      locale,
      undefined,
      html`<h1>${copy[locale].title}</h1>
        <p>${copy[locale].missing}</p>`,
      404,
    );

  router.get('/u/:token', async (req, res) => {
    const found = await resolve(req.params.token);
    const locale = resolveLocale(found?.notification.locale);
    const t = copy[locale];
    if (!found) return missing(res, locale);
    const v = {
      channel: found.notification.channel === 'sms' ? 'SMS' : 'email',
      merchant: found.merchant.branding.displayName,
    };
    page(
      res,
      locale,
      { name: v.merchant, color: found.merchant.branding.primaryColor },
      html`<h1>${t.title}</h1>
        <p>${fillText(t.ask, v)}</p>
        <form method="post" action="${config.http.publicBaseUrl}/u/${req.params.token}">
          <button type="submit">${t.button}</button>
        </form>`,
    );
  });

  router.post(
    '/u/:token',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const found = await resolve(req.params.token);
      const locale = resolveLocale(found?.notification.locale);
      const t = copy[locale];
      if (!found) return missing(res, locale);
      const { notification, merchant } = found;
      await repositories.suppressions.add({
        channel: notification.channel,
        address: notification.recipient,
        merchantId: merchant.id,
        reason: 'unsubscribe',
        source: 'one_click',
      });
      const v = {
        channel: notification.channel === 'sms' ? 'SMS' : 'email',
        merchant: merchant.branding.displayName,
      };
      page(
        res,
        locale,
        { name: v.merchant, color: merchant.branding.primaryColor },
        html`<h1>${t.title}</h1>
          <p>${fillText(t.done, v)}</p>`,
      );
    },
  );
  return router;
}
