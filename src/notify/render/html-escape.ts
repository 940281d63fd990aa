import Handlebars from 'handlebars';

/**
 * Handlebars' escaping, character for character (a test holds it to Handlebars' own), with the
 * replacement built in one pass rather than through a callback per character: every tracking
 * link carries an `=`, and many shop names an `&`.
 */
export function escapeHtml(value: unknown): string {
  if (typeof value !== 'string') {
    // Quantities: a number's digits, sign and point need no escaping.
    if (typeof value === 'number') return String(value);
    if (value instanceof HtmlText) return value.html;
    return value == null ? '' : Handlebars.Utils.escapeExpression(value as string);
  }
  if (!special.test(value)) return value;
  let html = '';
  let copied = 0;
  for (let i = 0; i < value.length; i++) {
    const entity = entityFor(value.charCodeAt(i));
    if (entity === undefined) continue;
    html += value.slice(copied, i) + entity;
    copied = i + 1;
  }
  return html + value.slice(copied);
}

const special = /[&<>"'`=]/;

function entityFor(code: number): string | undefined {
  switch (code) {
    case 0x26:
      return '&amp;';
    case 0x3c:
      return '&lt;';
    case 0x3e:
      return '&gt;';
    case 0x22:
      return '&quot;';
    case 0x27:
      return '&#x27;';
    case 0x60:
      return '&#x60;';
    case 0x3d:
      return '&#x3D;';
    default:
      return undefined;
  }
}

/**
 * Text with its HTML made beside it from escaped parts: words a message shares with many others
 * (labels, the shop's name, its colours) escaped once, and lines filled from escaped copy and
 * escaped values. The template writes `html` as it is, by Handlebars' own rule for a value with
 * `toHTML()`, so a line is never scanned again after it was put together; the plain-text part
 * reads `text`. Only this module's functions make one, so `html` is always escaped.
 */
export class HtmlText {
  private constructor(
    readonly text: string,
    readonly html: string,
  ) {}

  /** Escapes text once. */
  static of(text: string): HtmlText {
    return new HtmlText(text, escapeHtml(text));
  }

  /** Parts one after another (escaped parts joined are the escaped join); missing parts are empty. */
  static join(parts: ReadonlyArray<HtmlText | undefined>): HtmlText {
    let text = '';
    let html = '';
    for (const part of parts) {
      if (part === undefined) continue;
      text += part.text;
      html += part.html;
    }
    return new HtmlText(text, html);
  }

  /** Escaped words (even places) and the names of values (odd places) in turn, filled. */
  static fill(
    pieces: ReadonlyArray<HtmlText | string>,
    values: Record<string, HtmlText | undefined>,
  ): HtmlText {
    const first = pieces[0] as HtmlText;
    let text = first.text;
    let html = first.html;
    for (let i = 1; i < pieces.length; i += 2) {
      const value = values[pieces[i] as string];
      if (value !== undefined) {
        text += value.text;
        html += value.html;
      }
      const next = pieces[i + 1] as HtmlText;
      text += next.text;
      html += next.html;
    }
    return new HtmlText(text, html);
  }

  toHTML(): string {
    return this.html;
  }

  toString(): string {
    return this.text;
  }
}
