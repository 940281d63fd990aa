import { guestPageText } from '../../i18n/guest-page-text';
import type { Locale } from '../../i18n/locale';
import { html, type SafeHtml } from '../html';
import type { ShipmentView, StatusEventView } from '../status-page/status-view.schema';

function progressBar(s: ShipmentView, id: string, locale: Locale): SafeHtml {
  const text = guestPageText[locale];
  const percent = Math.round(((s.progress.step - 1) / (s.progress.total - 1)) * 100);
  return html`<div class="progress">
    <div
      class="progress-track"
      role="progressbar"
      aria-labelledby="${id}-progress-label"
      aria-valuemin="1"
      aria-valuemax="${s.progress.total}"
      aria-valuenow="${s.progress.step}"
      aria-valuetext="${s.progress.text}"
    >
      <span class="progress-fill p${percent}"></span>
    </div>
    <span id="${id}-progress-label" class="visually-hidden">${text.progressLabel}</span>
    <ol class="steps" aria-hidden="true">
      ${s.progress.steps.map((step) => html`<li class="step ${step.state}">${step.label}</li>`)}
    </ol>
  </div>`;
}

function eventItem(e: StatusEventView, locale: Locale): SafeHtml {
  const text = guestPageText[locale];
  return html`<li class="event status-${e.status}">
    <p class="event-what">
      <strong>${e.statusLabel}</strong
      >${e.description !== e.statusLabel ? html` · ${e.description}` : ''}
    </p>
    <p class="event-meta">
      <time datetime="${e.occurredAt}">${e.localTime}</time
      >${e.offsetKnown ? '' : html` <span class="flag">(${text.offsetUnknown})</span>`}${e.place ? html` · ${e.place}` : ''}
    </p>
  </li>`;
}

/** One shipment: status in words, progress, advice, ETA, latest scan, carrier and history. */
export function shipmentCard(
  s: ShipmentView,
  index: number,
  total: number,
  locale: Locale,
  timeZoneLabel: string,
): SafeHtml {
  const text = guestPageText[locale];
  const id = `shipment-${index + 1}`;
  const tone = s.advice.some((a) => a.kind !== 'delayed' && a.kind !== 'available_for_pickup')
    ? 'alert'
    : s.status === 'delivered'
      ? 'done'
      : 'ok';
  return html`<section class="card shipment tone-${tone}" aria-labelledby="${id}-title">
    ${total > 1 ? html`<p class="eyebrow">${text.packageOf(index + 1, total)}</p>` : ''}
    <h2 id="${id}-title" class="status-title">${s.statusLabel}</h2>
    <p class="delivery">
      ${
        s.delivery.deliveredAt
          ? html`<strong>${s.delivery.text}</strong>`
          : s.delivery.estimatedDate
            ? html`<span class="label">${text.estimatedDelivery}</span>
                <strong>${s.delivery.text}</strong>`
            : html`<span>${s.delivery.text}</span>`
      }
      ${s.delivery.originalText ? html`<br /><span class="was">${s.delivery.originalText}</span>` : ''}
      ${s.delivery.estimateNote ? html`<br /><span class="estimate-note">${s.delivery.estimateNote}</span>` : ''}
    </p>
    ${progressBar(s, id, locale)}
    ${s.advice.map(
      (a) =>
        html`<div class="advice advice-${a.kind}">
          <h3>${a.title}</h3>
          <p>${a.body}</p>
        </div>`,
    )}
    ${
      s.latestEvent
        ? html`<div class="latest">
            <h3>${text.latestUpdate}</h3>
            <p>
              ${s.latestEvent.description}${s.latestEvent.place ? html` · ${s.latestEvent.place}` : ''}
            </p>
            <p class="muted">
              <time datetime="${s.latestEvent.occurredAt}">${s.latestEvent.localTime}</time>
            </p>
          </div>`
        : ''
    }
    <dl class="facts">
      <div>
        <dt>${text.carrier}</dt>
        <dd>${s.carrier.name}</dd>
      </div>
      <div>
        <dt>${text.trackingNumber}</dt>
        <dd class="mono">${s.carrier.trackingNumber}</dd>
      </div>
    </dl>
    ${
      s.carrier.trackingUrl
        ? html`<p>
            <a
              class="button-link"
              href="${s.carrier.trackingUrl}"
              rel="noreferrer noopener"
              target="_blank"
              >${text.carrierLink(s.carrier.name)}</a
            >
          </p>`
        : ''
    }
    <p class="checked muted">${s.checkedText}</p>
    <h3 class="history-title">${text.history}</h3>
    ${
      s.events.length > 0
        ? html`<p class="muted small">${text.timesShownIn(timeZoneLabel)}</p>
            <ol class="timeline">
              ${s.events.map((e) => eventItem(e, locale))}
            </ol>`
        : html`<p class="muted">${text.noEvents}</p>`
    }
  </section>`;
}
