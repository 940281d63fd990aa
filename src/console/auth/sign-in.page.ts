import { html } from '../../web/html';
import type { ConsolePage } from '../layout/console-headers';
import { consoleLayout, csrfField } from '../layout/console-layout';

const reasons: Record<string, { kind: 'success' | 'warning'; text: string }> = {
  'signed-out': { kind: 'success', text: 'You are signed out.' },
  expired: { kind: 'warning', text: 'Your session ended. Sign in again to continue.' },
  'invalid-link': {
    kind: 'warning',
    text: 'That sign-in link has expired or was already used. Ask for a new one below.',
  },
};

export function signInPage(input: {
  csrf: string;
  next: string;
  reason?: string;
  email?: string;
  error?: string;
}): ConsolePage {
  const reason = input.reason ? reasons[input.reason] : undefined;
  return consoleLayout({
    title: 'Sign in',
    notice: input.error ? { kind: 'error', text: input.error } : reason,
    main: html`<form method="post" action="/console/sign-in" class="card narrow" novalidate>
      ${csrfField(input.csrf)}
      <input type="hidden" name="next" value="${input.next}" />
      <p>We email you a link that signs you in once. No password to remember.</p>
      <label for="email">Work email</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete="email"
        required
        value="${input.email ?? ''}"
        ${input.error ? html`aria-invalid="true" aria-describedby="email-error"` : ''}
      />
      ${input.error ? html`<p id="email-error" class="field-error">${input.error}</p>` : ''}
      <button type="submit">Email me a sign-in link</button>
    </form>`,
  });
}

export function checkEmailPage(input: { demoOutbox: boolean }): ConsolePage {
  return consoleLayout({
    title: 'Check your email',
    main: html`<div class="card narrow">
      <p>
        If that address belongs to a console user, a sign-in link is on its way. It works once, for
        15 minutes.
      </p>
      ${
        input.demoOutbox
          ? html`<p>In this demo, emails land in the <a href="/dev/outbox">dev outbox</a>.</p>`
          : ''
      }
      <p><a href="/console/sign-in">Use another address</a></p>
    </div>`,
  });
}

/** Opening a link only shows this button, so link scanners in mail systems cannot use it up. */
export function confirmLinkPage(input: { csrf: string; token: string; next: string }): ConsolePage {
  return consoleLayout({
    title: 'Sign in',
    main: html`<form method="post" action="/console/sign-in/${input.token}" class="card narrow">
      ${csrfField(input.csrf)}
      <input type="hidden" name="next" value="${input.next}" />
      <p>Continue to your shop's Porchlight console.</p>
      <button type="submit">Sign in</button>
    </form>`,
  });
}
