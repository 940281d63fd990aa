import { escapeHtml } from '../../web/html';

/**
 * Fills a precompiled template: `{{name}}` is HTML-escaped, `{{{name}}}` is inserted as is and
 * only ever receives HTML this code built from escaped parts. Unknown names become empty.
 */
export function fillPlaceholders(
  template: string,
  values: Record<string, string | undefined>,
): string {
  return template
    .replace(/\{\{\{(\w+)\}\}\}/g, (_m, name: string) => values[name] ?? '')
    .replace(/\{\{(\w+)\}\}/g, (_m, name: string) => escapeHtml(values[name] ?? ''));
}

/** `{name}` placeholders in plain text (SMS, subjects); no escaping. */
export function fillText(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '');
}
