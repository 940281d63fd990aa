import { html, type SafeHtml } from '../../web/html';
import { dataTable } from '../layout/data-table';
import type { Merchant } from '../../merchants/merchant';
import type { Notification } from '../../notify/notification';
import type { Order } from '../../orders/order';
import { channels } from '../../tracking/domain/taxonomy';
import { channelBlockers, currentOutcome, describeHistory } from '../domain/explain-delivery';
import { templateLabel } from '../preview/preview.page';

export interface OrderLog {
  order: Order;
  notifications: Notification[];
  /** Channels whose address on this order is suppressed for this merchant. */
  suppressed: Set<string>;
}

const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

function orderCard(log: OrderLog, merchant: Merchant, now: Date): SafeHtml {
  const { order } = log;
  const blockers = channels.map((c) => ({
    c,
    lines: channelBlockers(order, merchant, c, log.suppressed.has(c)),
  }));
  return html`<section class="card" aria-labelledby="order-${order.id}">
    <h2 id="order-${order.id}">Order ${order.orderNumber}</h2>
    <p class="muted">
      ${order.guest.name ?? 'Guest'} · ${order.guest.email ?? 'no email'} ·
      ${order.guest.phone ?? 'no phone'} · placed ${when(order.createdAt)} UTC
    </p>
    ${
      blockers.some((b) => b.lines.length)
        ? html`<ul>
            ${blockers.flatMap((b) => b.lines.map((line) => html`<li><strong>${b.c === 'sms' ? 'SMS' : 'Email'}:</strong> ${line}</li>`))}
          </ul>`
        : html`<p>Nothing blocks email or SMS for this guest.</p>`
    }
    ${
      log.notifications.length === 0
        ? html`<p>No messages yet for this order.</p>`
        : dataTable(
            ['Message', 'Channel', 'State', 'Why', 'Planned'],
            log.notifications.map(
              (n) =>
                html`<tr>
                  <th scope="row">${templateLabel(n.milestone)}</th>
                  <td>${n.channel === 'sms' ? 'SMS' : 'Email'}</td>
                  <td><span class="badge badge-${n.state}">${n.state}</span></td>
                  <td>
                    ${currentOutcome(n, now)}
                    <details>
                      <summary>History (${n.history.length})</summary>
                      <ol class="history">
                        ${n.history.map((h) => html`<li><time datetime="${h.at.toISOString()}">${when(h.at)}</time> · ${describeHistory(h)}</li>`)}
                      </ol>
                      ${n.providerMessageId ? html`<p class="hint">Provider message id: ${n.providerMessageId}</p>` : ''}
                    </details>
                  </td>
                  <td>${when(n.createdAt)}</td>
                </tr>`,
            ),
          )
    }
  </section>`;
}

/** The delivery log: one search box, then each matching order with every message and its reasons. */
export function deliveryLogMain(input: {
  q: string;
  searched: boolean;
  logs: OrderLog[];
  merchant: Merchant;
  now: Date;
}): SafeHtml {
  return html`<form method="get" action="/console/log" class="card" role="search">
      <label for="q">Order number, guest email or phone</label>
      <input type="search" id="q" name="q" value="${input.q}" autocomplete="off" />
      <button type="submit">Search</button>
      <p class="hint">Shows every message with the reason it was sent, held, skipped or failed.</p>
    </form>
    ${
      input.searched && input.logs.length === 0
        ? html`<p role="status">
            Nothing found for “${input.q}”. Check the number or address; erased guests cannot be
            found by email or phone.
          </p>`
        : ''
    }
    ${input.logs.map((log) => orderCard(log, input.merchant, input.now))}`;
}
