import { guestPageText } from '../../i18n/guest-page-text';
import { supportedLocales, type Locale } from '../../i18n/locale';
import { milestoneLabels } from '../../i18n/status-labels';
import type { RenderedPreview } from '../../notify/render/preview-message';
import { templateNames, type TemplateName } from '../../notify/render/message-input';
import type { Channel } from '../../tracking/domain/taxonomy';
import { html, type SafeHtml } from '../../web/html';
import { csrfField } from '../layout/console-layout';

export interface PreviewChoice {
  milestone: TemplateName;
  locale: Locale;
  channel: Channel;
  /** A real order's number, or empty for sample data. */
  order: string;
}

export const templateLabel = (t: TemplateName) =>
  t === 'order_confirmation' ? 'Order confirmation' : milestoneLabels.en[t];

export function previewQuery(choice: PreviewChoice, changes: Partial<PreviewChoice> = {}): string {
  const c = { ...choice, ...changes };
  const params = new URLSearchParams({
    milestone: c.milestone,
    locale: c.locale,
    channel: c.channel,
  });
  if (c.order) params.set('order', c.order);
  return params.toString();
}

/** The Preview page: pick a message, see it as sent (email in sandboxed frames, SMS with its segments). */
export function previewMain(input: {
  choice: PreviewChoice;
  preview: RenderedPreview | null;
  orderMissing: boolean;
  hasDraft: boolean;
  csrf: string;
}): SafeHtml {
  const { choice, preview } = input;
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}" ${value === current ? html`selected` : ''}>${label}</option>`;
  const frame = `/console/preview/frame?${previewQuery(choice)}`;
  const body =
    preview === null
      ? ''
      : preview.channel === 'email'
        ? html`<dl class="card">
              <dt><strong>Subject</strong></dt>
              <dd>${preview.subject}</dd>
              <dt><strong>Preheader</strong> (the inbox's summary line)</dt>
              <dd>${preview.preheader}</dd>
            </dl>
            <div class="preview-frames">
              <figure>
                <figcaption>Phone (375 px)</figcaption>
                <iframe
                  class="frame-phone"
                  src="${frame}"
                  sandbox
                  title="Email preview at phone width"
                ></iframe>
              </figure>
              <figure>
                <figcaption>Desktop (680 px)</figcaption>
                <iframe
                  class="frame-desktop"
                  src="${frame}"
                  sandbox
                  title="Email preview at desktop width"
                ></iframe>
              </figure>
            </div>
            <h2>Plain-text part</h2>
            <pre class="plain-text">${preview.text}</pre>`
        : html`<div class="card">
            <p class="sms-bubble" dir="auto">${preview.body}</p>
            <p>
              <strong>${preview.encoding}</strong>, ${preview.segments}
              ${preview.segments === 1 ? 'segment' : 'segments'} (${preview.units}
              ${preview.encoding === 'GSM-7' ? 'characters' : 'UCS-2 code units'}).
              ${preview.encoding === 'UCS-2' ? html`A character outside the GSM alphabet (an emoji or an accent GSM lacks) makes the whole text UCS-2, so fewer characters fit in a segment.` : ''}
            </p>
            <p class="hint">
              This is the first text a guest gets, with the opt-out wording; later texts leave it
              out.
            </p>
          </div>`;
  return html`${
      input.hasDraft
        ? html`<form method="post" action="/console/preview/discard" class="notice notice-warning">
            ${csrfField(input.csrf)} This preview uses your <strong>unsaved</strong> changes. Save
            them on the <a href="/console/notifications">Notifications</a> or
            <a href="/console/branding">Branding</a> page, or
            <button type="submit" class="secondary">Discard them</button>
          </form>`
        : ''
    }
    <form method="get" action="/console/preview" class="card">
      <div class="columns">
        <div>
          <label for="milestone">Message</label>
          <select id="milestone" name="milestone">
            ${templateNames.map((t) => option(t, templateLabel(t), choice.milestone))}
          </select>
        </div>
        <div>
          <label for="channel">Channel</label>
          <select id="channel" name="channel">
            ${option('email', 'Email', choice.channel)}${option('sms', 'SMS', choice.channel)}
          </select>
        </div>
        <div>
          <label for="locale">Language</label>
          <select id="locale" name="locale">
            ${supportedLocales.map((l) => option(l, guestPageText[l].languageName, choice.locale))}
          </select>
        </div>
        <div>
          <label for="order">Real order number (optional)</label>
          <input
            type="text"
            id="order"
            name="order"
            value="${choice.order}"
            autocomplete="off"
            ${input.orderMissing ? html`aria-invalid="true" aria-describedby="order-error"` : ''}
          />
          ${input.orderMissing ? html`<p class="field-error" id="order-error">No order with that number; showing sample data.</p>` : html`<p class="hint">Leave empty for sample data.</p>`}
        </div>
      </div>
      <button type="submit">Show preview</button>
    </form>
    <nav aria-label="Every message">
      <ul class="milestone-links">
        ${templateNames.map(
          (t) =>
            html`<li>
              <a
                href="/console/preview?${previewQuery(choice, { milestone: t })}"
                ${t === choice.milestone ? html`aria-current="true"` : ''}
                >${templateLabel(t)}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
    ${body}`;
}
