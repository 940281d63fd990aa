import type { Locale } from './locale';

/** Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms). */
const rtl = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/**
 * Wraps text that may run right-to-left in Unicode isolates (FSI … PDI), so a name such as
 * "متجر 24" keeps its own order and does not reorder the sentence around it. Left-to-right
 * text is returned as is: it needs no isolation and SMS keeps its GSM-7 encoding.
 */
export function isolate(text: string): string {
  return rtl.test(text) ? `\u2068${text}\u2069` : text;
}

export function hasRtl(text: string): boolean {
  return rtl.test(text);
}

/**
 * French sets a no-break space before `:` `;` `!` `?`; other languages no space at all.
 * Applied to copy that was not written with it (shared page text, labels joined in code).
 */
export function localPunctuation(text: string, locale: Locale): string {
  return locale === 'fr' ? text.replace(/ ?([:;!?])(?=\s|$)/g, '\u00a0$1') : text;
}

/** "Label: value" with the language's spacing before the colon. */
export function labelled(label: string, value: string, locale: Locale): string {
  return `${label}${locale === 'fr' ? '\u00a0' : ''}: ${value}`;
}
