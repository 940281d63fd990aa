/** Languages Porchlight speaks, messages and pages alike. */
export const supportedLocales = ['en', 'es', 'fr', 'de'] as const;
export type Locale = (typeof supportedLocales)[number];

export function asLocale(value: string | undefined | null): Locale | undefined {
  const base = value?.trim().toLowerCase().split(/[-_]/)[0];
  return supportedLocales.find((l) => l === base);
}

/** The first supported of the candidates (order's, then merchant default, ...), else English. */
export function resolveLocale(...candidates: Array<string | undefined | null>): Locale {
  for (const candidate of candidates) {
    const locale = asLocale(candidate);
    if (locale) return locale;
  }
  return 'en';
}

/** Picks the best supported language from an Accept-Language header, by quality. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { tag, q: q ? Number(q[1]) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const locale = asLocale(tag);
    if (locale) return locale;
  }
  return undefined;
}

/** Every supported language an Accept-Language header accepts (q > 0), best first. */
export function localesFromAcceptLanguage(header: string | undefined): Locale[] {
  if (!header) return [];
  const found: Locale[] = [];
  for (const part of header.split(',')) {
    const locale = localeFromAcceptLanguage(part);
    if (locale && !found.includes(locale)) found.push(locale);
  }
  const best = localeFromAcceptLanguage(header);
  return best ? [best, ...found.filter((l) => l !== best)] : found;
}
