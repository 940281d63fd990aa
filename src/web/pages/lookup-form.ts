import { guestPageText } from '../../i18n/guest-page-text';
import type { Locale } from '../../i18n/locale';
import { html, type SafeHtml } from '../html';

export interface LookupFormState {
  csrf: string;
  orderNumber?: string;
  /** Generic message after a miss or an invalid submission; never says which part was wrong. */
  message?: string;
}

/** Order number plus email or postal code; posts to /track. */
export function lookupForm(locale: Locale, state: LookupFormState): SafeHtml {
  const text = guestPageText[locale];
  return html`<form class="card form" method="post" action="/track?lang=${locale}" novalidate>
    <input type="hidden" name="_csrf" value="${state.csrf}" />
    ${state.message ? html`<div class="form-message" role="alert"><p>${state.message}</p></div>` : ''}
    <div class="field">
      <label for="orderNumber">${text.orderNumber}</label>
      <input
        id="orderNumber"
        name="orderNumber"
        type="text"
        required
        autocomplete="off"
        inputmode="text"
        value="${state.orderNumber ?? ''}"
        maxlength="64"
      />
    </div>
    <div class="field">
      <label for="email">${text.email}</label>
      <input id="email" name="email" type="email" autocomplete="email" maxlength="254" />
    </div>
    <p class="or" aria-hidden="true"><span>${text.or}</span></p>
    <div class="field">
      <label for="postalCode">${text.postalCode}</label>
      <input
        id="postalCode"
        name="postalCode"
        type="text"
        autocomplete="postal-code"
        maxlength="16"
      />
    </div>
    <button type="submit">${text.lookupSubmit}</button>
  </form>`;
}
