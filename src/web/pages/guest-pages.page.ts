import { guestPageText } from '../../i18n/guest-page-text';
import type { Locale } from '../../i18n/locale';
import { html } from '../html';
import { layout, type RenderedPage } from './layout';
import { lookupForm, type LookupFormState } from './lookup-form';

const neutralBrand = { name: 'Porchlight', color: '#2f4f6b' };

/** GET/POST /track: find an order without the link. */
export function lookupPage(locale: Locale, state: LookupFormState): RenderedPage {
  const text = guestPageText[locale];
  return layout({
    locale,
    title: text.lookupTitle,
    brand: neutralBrand,
    path: '/track',
    main: html`<h1>${text.lookupTitle}</h1>
      <p class="lead">${text.lookupIntro}</p>
      ${lookupForm(locale, state)}`,
  });
}

/** The one answer for unknown, expired and revoked links: nothing about why. */
export function notFoundPage(locale: Locale, csrf: string, path: string): RenderedPage {
  const text = guestPageText[locale];
  return layout({
    locale,
    title: text.notFoundTitle,
    brand: neutralBrand,
    path,
    main: html`<h1>${text.notFoundTitle}</h1>
      <p class="lead">${text.notFoundBody}</p>
      <h2>${text.lookupTitle}</h2>
      ${lookupForm(locale, { csrf })}`,
  });
}

export function tooManyPage(locale: Locale, path: string): RenderedPage {
  const text = guestPageText[locale];
  return layout({
    locale,
    title: text.tooManyTitle,
    brand: neutralBrand,
    path,
    main: html`<h1>${text.tooManyTitle}</h1>
      <p class="lead">${text.tooManyBody}</p>`,
  });
}
