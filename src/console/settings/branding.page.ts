import type { Branding, SenderIdentities } from '../../merchants/merchant';
import { html, type SafeHtml } from '../../web/html';
import { brandContrastWarnings } from '../domain/brand-contrast';
import { csrfField } from '../layout/console-layout';
import { fieldError, type FieldErrors, settingsActions } from './settings-fields';

/** The Branding page: name, logo, colour with its contrast check, support contacts, senders. */
export function brandingMain(input: {
  branding: Branding;
  senders: SenderIdentities;
  csrf: string;
  version: string;
  errors: FieldErrors;
  hasDraft: boolean;
}): SafeHtml {
  const b = input.branding;
  const e = input.errors;
  const field = (
    name: string,
    label: string,
    type: string,
    value: string | undefined,
    hint?: string,
    extra?: SafeHtml,
  ) =>
    html`<label for="${name}">${label}</label>
      <input
        type="${type}"
        id="${name}"
        name="${name}"
        value="${value ?? ''}"
        ${fieldError.attrs(e, name)}
        ${extra ?? ''}
      />
      ${hint ? html`<p class="hint">${hint}</p>` : ''} ${fieldError.text(e, name)}`;
  const warnings = brandContrastWarnings(b.primaryColor);
  return html`<form method="post" action="/console/branding" novalidate>
    ${csrfField(input.csrf)}
    <input type="hidden" name="version" value="${input.version}" />
    <fieldset>
      <legend>Brand</legend>
      ${field('displayName', 'Shop name', 'text', b.displayName, 'Shown in every message and on the status page.')}
      ${field('logoUrl', 'Logo URL', 'url', b.logoUrl, 'An https image, about 240 × 80 pixels; emails show the shop name as its alt text.')}
      ${b.logoUrl ? html`<p><img src="${b.logoUrl}" alt="Current logo of ${b.displayName}" height="40" /></p>` : ''}
      <label for="primaryColor">Brand colour</label>
      <div class="actions">
        <input
          type="color"
          id="primaryColor"
          name="primaryColor"
          value="${b.primaryColor}"
          aria-describedby="contrast-check"
          ${fieldError.attrs(e, 'primaryColor')}
        />
      </div>
      ${fieldError.text(e, 'primaryColor')}
      <div id="contrast-check" aria-live="polite">
        ${
          warnings.length === 0
            ? html`<p class="notice notice-success">
                Text and buttons in this colour are easy to read.
              </p>`
            : warnings.map((w) => html`<p class="notice notice-warning">${w}</p>`)
        }
      </div>
    </fieldset>
    <fieldset>
      <legend>Support contacts shown to guests</legend>
      ${field('supportEmail', 'Support email', 'email', b.supportEmail)}
      ${field('supportUrl', 'Help page URL', 'url', b.supportUrl)}
      ${field('supportPhone', 'Support phone', 'tel', b.supportPhone, 'International format, e.g. +14155550100.')}
    </fieldset>
    <fieldset>
      <legend>Sender identities</legend>
      ${field('senders.email.fromName', 'Email sender name', 'text', input.senders.email.fromName, 'Defaults to the shop name.')}
      ${field('senders.email.from', 'Email sender address', 'email', input.senders.email.from, 'A verified sender of your email provider account.')}
      ${field('senders.email.replyTo', 'Reply-to address', 'email', input.senders.email.replyTo, 'Defaults to the support email.')}
      ${field('senders.sms.fromNumber', 'SMS sender number', 'tel', input.senders.sms.fromNumber, 'Your own number; without one, texts come from the shared sender.')}
      ${field('senders.sms.messagingServiceSid', 'Twilio Messaging Service SID', 'text', input.senders.sms.messagingServiceSid, 'Starts with MG; used instead of the number when set.')}
    </fieldset>
    ${settingsActions(input.hasDraft)}
  </form>`;
}
