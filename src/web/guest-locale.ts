import type { Request } from 'express';
import { LRUCache } from 'lru-cache';
import { asLocale, localeFromAcceptLanguage, resolveLocale, type Locale } from '../i18n/locale';

/**
 * The page language: `?lang=` first, then the browser's Accept-Language, then the order's
 * language and the merchant's default (the candidates), then English.
 */
export function guestLocale(req: Request, ...candidates: Array<string | undefined>): Locale {
  const lang = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  return (
    asLocale(lang) ?? browserLocale(req.headers['accept-language']) ?? resolveLocale(...candidates)
  );
}

// Browsers send a handful of distinct headers; parsing each once keeps the hot path cheap.
const parsed = new LRUCache<string, Locale | 'none'>({ max: 500 });

function browserLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  let locale = parsed.get(header);
  if (!locale) {
    locale = localeFromAcceptLanguage(header) ?? 'none';
    parsed.set(header, locale);
  }
  return locale === 'none' ? undefined : locale;
}

/** JSON only when asked for explicitly; browsers (text/html) and `*\/*` get the page. */
export function wantsJson(req: Request): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
