import { html, type SafeHtml } from '../../web/html';
import type { ConsolePage } from './console-headers';

export const consoleSections = [
  ['overview', 'Overview', '/console'],
  ['notifications', 'Notifications', '/console/notifications'],
  ['branding', 'Branding', '/console/branding'],
  ['preview', 'Preview', '/console/preview'],
  ['log', 'Delivery log', '/console/log'],
  ['suppressions', 'Suppressions', '/console/suppressions'],
  ['connections', 'Integrations & keys', '/console/connections'],
  ['team', 'Team & audit', '/console/team'],
] as const;
export type ConsoleSection = (typeof consoleSections)[number][0];

export interface ConsoleLayoutInput {
  title: string;
  section?: ConsoleSection;
  /** Signed in: the shop, the user and the CSRF field for the sign-out form. */
  signedIn?: { shop: string; email: string; csrf: string };
  /** A one-line confirmation or warning shown above the page. */
  notice?: { kind: 'success' | 'warning' | 'error'; text: string };
  main: SafeHtml;
  /** Progressive script of this page, if any (under /assets). */
  script?: string;
}

/** A hidden CSRF field for a console form. */
export const csrfField = (csrf: string) =>
  html`<input type="hidden" name="_csrf" value="${csrf}" />`;

/** The console shell: skip link, shop and user, section navigation, main, no inline script. */
export function consoleLayout(input: ConsoleLayoutInput): ConsolePage {
  const nav = input.signedIn
    ? html`<nav class="console-nav" aria-label="Console">
        <ul>
          ${consoleSections.map(
            ([id, label, href]) =>
              html`<li>
                <a href="${href}" ${id === input.section ? html`aria-current="page"` : ''}
                  >${label}</a
                >
              </li>`,
          )}
        </ul>
      </nav>`
    : '';
  const account = input.signedIn
    ? html`<div class="account">
        <span class="shop">${input.signedIn.shop}</span>
        <span class="user">${input.signedIn.email}</span>
        <form method="post" action="/console/sign-out">
          ${csrfField(input.signedIn.csrf)}<button type="submit" class="link-button">
            Sign out
          </button>
        </form>
      </div>`
    : '';
  const notice = input.notice
    ? html`<p
        class="notice notice-${input.notice.kind}"
        role="${input.notice.kind === 'error' ? 'alert' : 'status'}"
      >
        ${input.notice.text}
      </p>`
    : '';
  const body = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>${input.title} · Porchlight console</title>
        <link rel="stylesheet" href="/assets/console.css" />
        ${input.script ? html`<script src="${input.script}" defer></script>` : ''}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="console-header">
          <div class="console-bar">
            <a class="product" href="/console">Porchlight <span>console</span></a>
            ${account}
          </div>
          ${nav}
        </header>
        <main id="main" tabindex="-1" class="console-main">
          <h1>${input.title}</h1>
          ${notice} ${input.main}
        </main>
      </body>
    </html>`;
  return { body: body.value.replace(/\n\s+/g, '\n'), inlineStyles: [] };
}
