import { guestPageText } from '../../i18n/guest-page-text';
import type { Locale } from '../../i18n/locale';
import { html } from '../html';
import type { StatusView } from '../status-page/status-view.schema';
import { layout, type RenderedPage } from './layout';
import { shipmentCard } from './shipment-card';

/** The guest's status page; complete without JavaScript, kept current by /assets/status.js. */
export function statusPage(view: StatusView, timeZoneLabel: string, path: string): RenderedPage {
  const locale: Locale = view.locale;
  const text = guestPageText[locale];
  const main = html` <section class="order" aria-labelledby="order-title">
      <h1 id="order-title">${text.orderHeading(view.order.number)}</h1>
      ${view.order.destinationText ? html`<p class="muted">${text.shippingTo(view.order.destinationText)}</p>` : ''}
      <h2 class="visually-hidden">${text.itemsHeading}</h2>
      <ul class="items">
        ${view.order.items.map(
          (i) =>
            html`<li>
              <span>${i.name}</span
              >${i.quantity > 1 ? html` <span class="qty">× ${i.quantity}</span>` : ''}
            </li>`,
        )}
      </ul>
    </section>
    ${
      view.shipments.length === 0
        ? html`<section class="card"><p>${text.notShippedYet}</p></section>`
        : view.shipments.map((s, i) =>
            shipmentCard(s, i, view.shipments.length, locale, timeZoneLabel),
          )
    }
    <section class="card help" aria-labelledby="help-title">
      <h2 id="help-title">${text.helpHeading}</h2>
      <ul class="link-list">
        ${
          view.merchant.supportEmail
            ? html`<li>
                <a href="mailto:${view.merchant.supportEmail}"
                  >${text.contactMerchant(view.merchant.name)}</a
                >
              </li>`
            : ''
        }
        ${
          view.merchant.supportUrl
            ? html`<li>
                <a href="${view.merchant.supportUrl}" rel="noreferrer noopener"
                  >${text.helpCenter}</a
                >
              </li>`
            : ''
        }
        <li><a href="${path}/preferences?lang=${locale}">${text.preferencesLink}</a></li>
        <li><a href="/track?lang=${locale}">${text.lookupLink}</a></li>
      </ul>
    </section>`;
  return layout({
    locale,
    title: text.pageTitle(view.order.number, view.merchant.name),
    brand: { name: view.merchant.name, color: view.merchant.primaryColor },
    main,
    mainData: {
      version: view.version,
      final: String(view.final),
      json: `${path}.json?lang=${locale}`,
      updated: text.liveUpdated,
    },
    script: view.final ? undefined : '/assets/status.js',
    path,
    privateLink: true,
  });
}
