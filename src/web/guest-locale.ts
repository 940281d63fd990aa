import type { Request } from 'express';
import { asLocale, localeFromAcceptLanguage, resolveLocale, type Locale } from '../i18n/locale';

/**
 * The page language: `?lang=` first, then the browser's Accept-Language, then the order's
 * language and the merchant's default (the candidates), then English.
 */
export function guestLocale(req: Request, ...candidates: Array<string | undefined>): Locale {
  const lang = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  return (
    asLocale(lang) ??
    localeFromAcceptLanguage(req.headers['accept-language']) ??
    resolveLocale(...candidates)
  );
}
