import { statusLabels } from '../../i18n/status-labels';
import type { ShipmentStatus } from '../../tracking/domain/taxonomy';
import { html, type SafeHtml } from '../../web/html';
import { timeAgo } from '../domain/time-ago';
import { barChart } from '../layout/bar-chart';
import type { OverviewFigures } from './overview-figures';

const reasonText: Record<string, string> = {
  quiet_hours: 'Quiet hours',
  daily_cap: 'Daily cap reached',
  merchant_preferences: 'Turned off in your settings',
  guest_stopped: 'Guest stopped all messages',
  guest_channel_off: 'Guest turned this channel off',
  guest_key_milestones_only: 'Guest wants key updates only',
  no_sms_consent: 'No SMS consent',
  suppressed: 'Address suppressed',
  stale: 'Out of date by send time',
  order_erased: 'Order erased',
  order_cancelled: 'Order cancelled',
};
export const describeReason = (reason: string) => reasonText[reason] ?? reason.replace(/_/g, ' ');

const shortDay = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

function tiles(
  label: string,
  counts: { sent: number; deferred: number; skipped: number; failed: number },
): SafeHtml {
  return html`<section class="tiles" aria-label="${label}">
    <h2>${label}</h2>
    <dl>
      <div>
        <dt>Sent</dt>
        <dd>${counts.sent}</dd>
      </div>
      <div>
        <dt>Deferred</dt>
        <dd>${counts.deferred}</dd>
      </div>
      <div>
        <dt>Skipped</dt>
        <dd>${counts.skipped}</dd>
      </div>
      <div class="${counts.failed > 0 ? 'alert' : ''}">
        <dt>Failed</dt>
        <dd>${counts.failed}</dd>
      </div>
    </dl>
  </section>`;
}

/** Overview: today and the week, shipments, what needs attention, freshness, page visits. */
export function overviewMain(figures: OverviewFigures, now: Date): SafeHtml {
  const { activity } = figures;
  const totalShipments = figures.shipmentsByStatus.reduce((s, r) => s + r.count, 0);
  const label = (status: string) => statusLabels.en[status as ShipmentStatus] ?? status;
  return html`<p class="muted">
      Figures as of ${timeAgo(figures.computedAt, now)}; they refresh every 30 seconds.
    </p>
    <div class="tile-row">
      ${tiles('Today', activity.today)} ${tiles('Last 7 days', activity.week)}
    </div>
    ${barChart({
      id: 'messages',
      caption: 'Messages per day',
      series: [
        { key: 'sent', label: 'Sent' },
        { key: 'deferred', label: 'Deferred' },
        { key: 'skipped', label: 'Skipped' },
        { key: 'failed', label: 'Failed' },
      ],
      rows: activity.days.map(({ day, ...values }) => ({ label: shortDay(day), values })),
    })}
    <section aria-labelledby="reasons-h">
      <h2 id="reasons-h">Why messages were skipped or deferred</h2>
      ${
        activity.reasons.length === 0
          ? html`<p>Nothing was skipped or deferred this week.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Outcome</th>
                  <th scope="col" class="num">Today</th>
                  <th scope="col" class="num">7 days</th>
                </tr>
              </thead>
              <tbody>
                ${activity.reasons.map(
                  (r) =>
                    html`<tr>
                      <th scope="row">${describeReason(r.reason)}</th>
                      <td>${r.outcome}</td>
                      <td class="num">${r.today}</td>
                      <td class="num">${r.week}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    <div class="columns">
      <section aria-labelledby="shipments-h">
        <h2 id="shipments-h">Shipments by status</h2>
        ${
          totalShipments === 0
            ? html`<p>No shipments yet.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col" class="num">Shipments</th>
                    <th scope="col"><span class="visually-hidden">Share</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${figures.shipmentsByStatus
                    .sort((a, b) => b.count - a.count)
                    .map(
                      (r) =>
                        html`<tr>
                          <th scope="row">${label(r.status)}</th>
                          <td class="num">${r.count}</td>
                          <td>
                            <meter
                              min="0"
                              max="${totalShipments}"
                              value="${r.count}"
                              aria-label="${label(r.status)}: ${r.count} of ${totalShipments}"
                            ></meter>
                          </td>
                        </tr>`,
                    )}
                </tbody>
              </table>`
        }
      </section>
      <section aria-labelledby="freshness-h">
        <h2 id="freshness-h">Tracking freshness</h2>
        ${
          figures.freshness.length === 0
            ? html`<p>No parcels are being tracked right now.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Carrier</th>
                    <th scope="col" class="num">Tracked</th>
                    <th scope="col">Last checked</th>
                  </tr>
                </thead>
                <tbody>
                  ${figures.freshness.map(
                    (f) =>
                      html`<tr>
                        <th scope="row">${f.carrier}</th>
                        <td class="num">${f.tracked}</td>
                        <td>${f.lastCheckedAt ? timeAgo(f.lastCheckedAt, now) : 'not yet'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
    </div>
    <section aria-labelledby="attention-h">
      <h2 id="attention-h">Shipments needing attention</h2>
      ${
        figures.attention.length === 0
          ? html`<p>Nothing needs attention: no exceptions, stalled or returned parcels.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Tracking number</th>
                  <th scope="col">Carrier</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Last scan</th>
                </tr>
              </thead>
              <tbody>
                ${figures.attention.map(
                  (s) =>
                    html`<tr>
                      <th scope="row">
                        <a href="/console/log?order=${s.orderId}">${s.trackingNumber}</a>
                      </th>
                      <td>${s.carrier}</td>
                      <td>
                        ${s.stalledAt && !['exception', 'returned_to_sender', 'failed_attempt'].includes(s.status) ? 'Stalled' : label(s.status)}
                      </td>
                      <td>${s.lastEventAt ? timeAgo(s.lastEventAt, now) : 'none yet'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    ${barChart({
      id: 'visits',
      caption: 'Status-page views per day (questions guests did not have to ask you)',
      series: [{ key: 'views', label: 'Views' }],
      rows: figures.visits.map((v) => ({ label: shortDay(v.day), values: { views: v.count } })),
    })}`;
}
