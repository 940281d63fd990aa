import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import { asLocale, localesFromAcceptLanguage, resolveLocale, type Locale } from '../i18n/locale';

/** What the language and format choices read: Express's request, or node's on the fast lane. */
interface GuestRequest {
  headers: IncomingHttpHeaders;
  query?: Record<string, unknown>;
}

/**
 * The page language: `?lang=` first; then the order's language (the first candidate) when the
 * browser accepts it at all; otherwise the browser's best supported language overrides it;
 * then the candidates in order (order, merchant default); then English. So a Spanish order
 * opens in Spanish on a phone set to "es, en", and in German on one set only to German.
 */
export function guestLocale(req: GuestRequest, ...candidates: Array<string | undefined>): Locale {
  const lang = typeof req.query?.lang === 'string' ? req.query.lang : undefined;
  const chosen = asLocale(lang);
  if (chosen) return chosen;
  const accepted = browserLocales(req.headers['accept-language']);
  const ordered = asLocale(candidates[0]);
  if (ordered && accepted.includes(ordered)) return ordered;
  return accepted[0] ?? resolveLocale(...candidates);
}

// Browsers send a handful of distinct headers; parsing each once keeps the hot path cheap.
const parsed = new LRUCache<string, Locale[]>({ max: 500 });

function browserLocales(header: string | undefined): Locale[] {
  if (!header) return [];
  let locales = parsed.get(header);
  if (!locales) {
    locales = localesFromAcceptLanguage(header);
    parsed.set(header, locales);
  }
  return locales;
}

/** JSON only when asked for explicitly; browsers (text/html) and `*\/*` get the page. */
export function wantsJson(req: GuestRequest): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
