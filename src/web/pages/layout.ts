import { guestPageText } from '../../i18n/guest-page-text';
import { supportedLocales, type Locale } from '../../i18n/locale';
import { html, SafeHtml } from '../html';
import { brandColors } from '../status-page/domain/brand-colors';

export interface LayoutInput {
  locale: Locale;
  title: string;
  brand: { name: string; color: string };
  main: SafeHtml;
  /** Attributes on <main>, e.g. what the live-update script needs. */
  mainData?: Record<string, string>;
  script?: string;
  /** Path of this page, for the language links (no query string). */
  path: string;
  /** Pages reached through a private link remind the guest not to share it. */
  privateLink?: boolean;
}

export interface RenderedPage {
  body: string;
  inlineStyles: string[];
}

const neutralBrand = { name: 'Porchlight', color: '#2f4f6b' };

/** The shell shared by every guest page: brand bar, landmarks, language switcher, footer. */
export function layout(input: LayoutInput): RenderedPage {
  const text = guestPageText[input.locale];
  const brand = input.brand ?? neutralBrand;
  const colors = brandColors(brand.color);
  // Built only from validated #rrggbb colours, so it is safe to emit unescaped.
  const style = `:root{--brand:${colors.brand};--on-brand:${colors.onBrand};--accent:${colors.accent}}`;
  // One string, so formatting can never add whitespace that would change the CSP hash.
  const styleElement = new SafeHtml(`<style>${style}</style>`);
  const initial = brand.name.trim().charAt(0).toUpperCase();
  const data = Object.entries(input.mainData ?? {}).map(
    ([key, value]) => html` data-${key}="${value}"`,
  );
  const languages = supportedLocales.map(
    (l) =>
      html`<li>
        <a
          href="${input.path}?lang=${l}"
          lang="${l}"
          hreflang="${l}"
          ${l === input.locale ? html`aria-current="true"` : ''}
          >${guestPageText[l].languageName}</a
        >
      </li>`,
  );
  const body = html`<!doctype html>
    <html lang="${input.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <meta name="theme-color" content="${colors.brand}" />
        <title>${input.title}</title>
        <link rel="stylesheet" href="/assets/guest.css" />
        ${styleElement} ${input.script ? html`<script src="${input.script}" defer></script>` : ''}
      </head>
      <body>
        <a class="skip-link" href="#main">${text.skipToContent}</a>
        <header class="brand-bar">
          <div class="wrap brand-inner">
            <span class="brand-mark" aria-hidden="true">${initial}</span>
            <span class="brand-name">${brand.name}</span>
          </div>
        </header>
        <main id="main" class="wrap" tabindex="-1" ${data}>${input.main}</main>
        <p class="visually-hidden" role="status" aria-live="polite" id="live-status"></p>
        <footer class="wrap site-footer">
          ${input.privateLink ? html`<p>${text.privacyNote}</p>` : ''}
          <nav aria-label="${text.languageNav}">
            <ul class="languages">
              ${languages}
            </ul>
          </nav>
        </footer>
      </body>
    </html>`;
  // Source indentation is a third of the bytes; a newline keeps the same whitespace meaning.
  return { body: body.value.replace(/\n\s+/g, '\n'), inlineStyles: [style] };
}
