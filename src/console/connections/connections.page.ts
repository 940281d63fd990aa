import type { ApiKey } from '../../merchants/merchant';
import type { ConnectionHealth, StoreConnection } from '../../integrations/integration';
import type { WebhookDelivery, WebhookEndpoint } from '../../db/repositories/webhook.repository';
import { milestoneLabels } from '../../i18n/status-labels';
import { milestones, type Milestone } from '../../tracking/domain/taxonomy';
import { html, type SafeHtml } from '../../web/html';
import { dataTable } from '../layout/data-table';
import { timeAgo } from '../domain/time-ago';
import { csrfField } from '../layout/console-layout';
import { fieldError, type FieldErrors } from '../settings/settings-fields';

export interface ConnectionsView {
  stores: Array<{ connection: StoreConnection; health: ConnectionHealth; webhookUrls: string[] }>;
  endpoints: WebhookEndpoint[];
  deliveries: WebhookDelivery[];
  keys: ApiKey[];
  csrf: string;
  now: Date;
  errors: FieldErrors;
  /** Which form the errors belong to, and what the user typed there. */
  form?: { name: 'store' | 'webhook'; values: Record<string, string> };
  /** A secret shown once, right after it was created. */
  revealed?: { label: string; secret: string };
}

/** A destructive button behind a disclosure: two deliberate steps, no script needed. */
function confirmButton(action: string, csrf: string, label: string, warning: string): SafeHtml {
  return html`<details class="confirm">
    <summary>${label}…</summary>
    <form method="post" action="${action}">
      ${csrfField(csrf)}
      <p>${warning}</p>
      <button type="submit" class="danger">${label}</button>
    </form>
  </details>`;
}

function stores(v: ConnectionsView): SafeHtml {
  const values = v.form?.name === 'store' ? v.form.values : {};
  const e = v.form?.name === 'store' ? v.errors : new Map<string, string>();
  return html`<section aria-labelledby="stores-h">
    <h2 id="stores-h">Stores</h2>
    ${
      v.stores.length === 0
        ? html`<p>
            No store connected yet. Connect one so orders and fulfilments arrive by themselves.
          </p>`
        : dataTable(
            ['Store', 'Paste this webhook URL in the store', 'Last 24 h'],
            v.stores.map(
              (s) =>
                html`<tr>
                  <th scope="row">
                    ${s.connection.platform === 'shopify' ? 'Shopify' : 'WooCommerce'}:
                    ${s.connection.shopDomain ?? s.connection.storeUrl}
                  </th>
                  <td>${s.webhookUrls.map((u) => html`<code>${u}</code> `)}</td>
                  <td>
                    ${s.health.accepted} accepted, ${s.health.rejected} rejected,
                    ${s.health.duplicate} repeated; last event
                    ${s.health.lastEventAt ? timeAgo(s.health.lastEventAt, v.now) : 'never'}
                    ${s.health.lastError ? html`<br /><span class="field-error">Last error ${timeAgo(s.health.lastError.at, v.now)}: ${s.health.lastError.message}</span>` : ''}
                  </td>
                  <td>
                    ${confirmButton(`/console/connections/stores/${s.connection.id}/remove`, v.csrf, 'Disconnect', 'Orders from this store will no longer arrive. Orders already here keep being tracked.')}
                  </td>
                </tr>`,
            ),
            { actions: true },
          )
    }
    <form method="post" action="/console/connections/stores" class="card" novalidate>
      ${csrfField(v.csrf)}
      <h3>Connect a store</h3>
      <label for="platform">Platform</label>
      <select id="platform" name="platform">
        <option value="shopify" ${values.platform !== 'woocommerce' ? html`selected` : ''}>
          Shopify
        </option>
        <option value="woocommerce" ${values.platform === 'woocommerce' ? html`selected` : ''}>
          WooCommerce
        </option>
      </select>
      <label for="shopDomain">Shopify shop domain</label>
      <input
        type="text"
        id="shopDomain"
        name="shopDomain"
        placeholder="your-shop.myshopify.com"
        value="${values.shopDomain ?? ''}"
        ${fieldError.attrs(e, 'shopDomain')}
      />
      ${fieldError.text(e, 'shopDomain')}
      <label for="storeUrl">WooCommerce store address</label>
      <input
        type="url"
        id="storeUrl"
        name="storeUrl"
        placeholder="https://shop.example"
        value="${values.storeUrl ?? ''}"
        ${fieldError.attrs(e, 'storeUrl')}
      />
      ${fieldError.text(e, 'storeUrl')}
      <label for="webhookSecret">Webhook signing secret (from the store's admin)</label>
      <input
        type="text"
        id="webhookSecret"
        name="webhookSecret"
        autocomplete="off"
        ${fieldError.attrs(e, 'webhookSecret')}
      />
      ${fieldError.text(e, 'webhookSecret')}
      <p class="hint">Stored encrypted and never shown again.</p>
      <button type="submit">Connect store</button>
    </form>
  </section>`;
}

function webhooks(v: ConnectionsView): SafeHtml {
  const values = v.form?.name === 'webhook' ? v.form.values : {};
  const e = v.form?.name === 'webhook' ? v.errors : new Map<string, string>();
  return html`<section aria-labelledby="webhooks-h">
    <h2 id="webhooks-h">Your webhook endpoints</h2>
    ${
      v.endpoints.length === 0
        ? html`<p>No endpoints. Add one to receive a signed event for each milestone.</p>`
        : dataTable(
            ['URL', 'Milestones', 'State'],
            v.endpoints.map(
              (w) =>
                html`<tr>
                  <th scope="row"><code>${w.url}</code></th>
                  <td>
                    ${w.milestones.length ? w.milestones.map((m) => milestoneLabels.en[m as Milestone] ?? m).join(', ') : 'All'}
                  </td>
                  <td>
                    ${w.disabledAt ? html`<span class="badge badge-failed">disabled</span> ${w.disabledReason ?? ''}` : html`<span class="badge badge-sent">active</span>`}
                  </td>
                  <td>
                    ${confirmButton(`/console/connections/webhooks/${w.id}/remove`, v.csrf, 'Remove', 'Events will stop going to this URL.')}
                  </td>
                </tr>`,
            ),
            { actions: true },
          )
    }
    <form method="post" action="/console/connections/webhooks" class="card" novalidate>
      ${csrfField(v.csrf)}
      <h3>Add an endpoint</h3>
      <label for="url">HTTPS URL</label>
      <input
        type="url"
        id="url"
        name="url"
        value="${values.url ?? ''}"
        ${fieldError.attrs(e, 'url')}
      />
      ${fieldError.text(e, 'url')}
      <fieldset>
        <legend>Milestones (none ticked: all)</legend>
        ${milestones.map((m) => html`<label class="check"><input type="checkbox" name="milestones" value="${m}" /> ${milestoneLabels.en[m]}</label>`)}
      </fieldset>
      <button type="submit">Add endpoint</button>
    </form>
    <h3>Recent deliveries</h3>
    ${
      v.deliveries.length === 0
        ? html`<p>No deliveries yet.</p>`
        : html`<div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">State</th>
                  <th scope="col" class="num">Attempts</th>
                  <th scope="col">Last answer</th>
                </tr>
              </thead>
              <tbody>
                ${v.deliveries.map((d) => {
                  const last = d.history.at(-1);
                  return html`<tr>
                    <th scope="row"><code>${d.eventId}</code></th>
                    <td>
                      <span class="badge badge-${d.state === 'delivered' ? 'sent' : d.state}"
                        >${d.state}</span
                      >
                    </td>
                    <td class="num">${d.attempts}</td>
                    <td>
                      ${last ? html`${timeAgo(last.at, v.now)}: ${last.status ?? ''} ${last.error ?? ''}` : 'not tried yet'}
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

function apiKeys(v: ConnectionsView): SafeHtml {
  return html`<section aria-labelledby="keys-h">
    <h2 id="keys-h">API keys</h2>
    ${dataTable(
      ['Key', 'Created', 'State'],
      v.keys.map(
        (k) =>
          html`<tr>
            <th scope="row"><code>${k.prefix}…</code>${k.label ? ` (${k.label})` : ''}</th>
            <td>${timeAgo(k.createdAt, v.now)}</td>
            <td>
              ${k.revokedAt ? html`<span class="badge">revoked</span>` : html`<span class="badge badge-sent">live</span>`}
            </td>
            <td>
              ${k.revokedAt ? '' : confirmButton(`/console/connections/keys/${k.id}/revoke`, v.csrf, 'Revoke', 'Anything using this key stops working at once.')}
            </td>
          </tr>`,
      ),
      { actions: true },
    )}
    <form method="post" action="/console/connections/keys">
      ${csrfField(v.csrf)}
      <button type="submit">Create an API key</button>
    </form>
  </section>`;
}

/** Integrations, webhooks and API keys on one page. */
export function connectionsMain(v: ConnectionsView): SafeHtml {
  return html`${
    v.revealed
      ? html`<div class="notice notice-warning" role="status">
          <p><strong>${v.revealed.label}</strong>: copy it now, it is not shown again.</p>
          <p class="secret">${v.revealed.secret}</p>
        </div>`
      : ''
  }
  ${stores(v)} ${webhooks(v)} ${apiKeys(v)}`;
}
