import { guestPageText } from '../../i18n/guest-page-text';
import type { Locale } from '../../i18n/locale';
import type { GuestPreferences } from '../../orders/order';
import { html } from '../html';
import { layout, type RenderedPage } from './layout';

export interface PreferencesPageInput {
  locale: Locale;
  brand: { name: string; color: string };
  orderNumber: string;
  preferences: GuestPreferences;
  /** Which channels this guest can be reached on (an address and, for SMS, recorded consent). */
  available: { email: boolean; sms: boolean };
  csrf: string;
  /** The status page path, /t/:token. */
  statusPath: string;
  message?: { kind: 'saved' | 'error'; text: string };
}

const checked = (on: boolean) => (on ? html`checked` : '');

/** /t/:token/preferences: channels, every update vs key moments, or stop everything. */
export function preferencesPage(input: PreferencesPageInput): RenderedPage {
  const text = guestPageText[input.locale];
  const p = input.preferences;
  const path = `${input.statusPath}/preferences`;
  return layout({
    locale: input.locale,
    title: `${text.preferencesTitle} · ${input.brand.name}`,
    brand: input.brand,
    path,
    privateLink: true,
    main: html`<h1>${text.preferencesTitle}</h1>
      <p class="lead">${text.preferencesIntro(input.orderNumber)}</p>
      ${
        input.message
          ? html`<div
              class="form-message ${input.message.kind}"
              role="${input.message.kind === 'saved' ? 'status' : 'alert'}"
            >
              <p>${input.message.text}</p>
            </div>`
          : ''
      }
      <form class="card form" method="post" action="${path}?lang=${input.locale}">
        <input type="hidden" name="_csrf" value="${input.csrf}" />
        <fieldset>
          <legend>${text.channelsLegend}</legend>
          ${
            input.available.email
              ? html`<div class="choice">
                  <input
                    type="checkbox"
                    id="ch-email"
                    name="email"
                    value="on"
                    ${checked(p.channels.email)}
                  /><label for="ch-email">${text.channelEmail}</label>
                </div>`
              : ''
          }
          ${
            input.available.sms
              ? html`<div class="choice">
                  <input
                    type="checkbox"
                    id="ch-sms"
                    name="sms"
                    value="on"
                    ${checked(p.channels.sms)}
                  /><label for="ch-sms">${text.channelSms}</label>
                </div>`
              : html`<p class="muted small">${text.smsUnavailable}</p>`
          }
        </fieldset>
        <fieldset>
          <legend>${text.levelLegend}</legend>
          <div class="choice">
            <input
              type="radio"
              id="lv-all"
              name="level"
              value="all"
              ${checked(p.level === 'all')}
            /><label for="lv-all">${text.levelAll}</label>
          </div>
          <div class="choice">
            <input
              type="radio"
              id="lv-key"
              name="level"
              value="key"
              ${checked(p.level === 'key')}
            /><label for="lv-key">${text.levelKey}</label>
          </div>
        </fieldset>
        <div class="choice stop">
          <input
            type="checkbox"
            id="stop"
            name="stopped"
            value="on"
            aria-describedby="stop-hint"
            ${checked(p.stopped)}
          />
          <label for="stop">${text.stopAll}</label>
        </div>
        <p id="stop-hint" class="muted small">${text.stopAllHint}</p>
        <button type="submit">${text.save}</button>
      </form>
      <p><a href="${input.statusPath}?lang=${input.locale}">← ${text.backToTracking}</a></p>`,
  });
}
