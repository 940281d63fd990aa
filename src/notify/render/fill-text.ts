import { HtmlText } from './html-escape';
import { memo } from './memo';

/**
 * Fills `{name}` placeholders in plain text (subjects, copy lines, SMS) in one pass: inserted
 * values are never scanned again, so a name containing `{order}` stays as written.
 */
export function fillText(template: string, values: Record<string, string | undefined>): string {
  const pieces = parsed(template);
  let text = pieces[0]!;
  for (let i = 1; i < pieces.length; i += 2) text += (values[pieces[i]!] ?? '') + pieces[i + 1]!;
  return text;
}

/**
 * Fills a template as text and as HTML at once: the template's words were escaped when it was
 * first split, the values come escaped, so nothing filled in is scanned or escaped again.
 */
export function fillHtmlText(
  template: string,
  values: Record<string, HtmlText | undefined>,
): HtmlText {
  return HtmlText.fill(escapedPieces(template), values);
}

/** A template's pieces with its words (even places) escaped once, beside the names (odd). */
const escapedPieces = memo(
  (template: string): Array<HtmlText | string> =>
    parsed(template).map((piece, i) => (i % 2 ? piece : HtmlText.of(piece))),
  2000,
);

/**
 * A template as text and placeholder names in turn (text, name, text, ...). Templates are the
 * copy files' few hundred lines, so each is split once rather than per message.
 */
const parsed = memo((template: string): string[] => template.split(/\{(\w+)\}/), 2000);
