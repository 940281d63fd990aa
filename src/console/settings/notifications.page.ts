import { milestoneLabels } from '../../i18n/status-labels';
import { supportedLocales } from '../../i18n/locale';
import { guestPageText } from '../../i18n/guest-page-text';
import type { MerchantPreferences } from '../../merchants/merchant';
import { channels, milestones } from '../../tracking/domain/taxonomy';
import { html, type SafeHtml } from '../../web/html';
import { csrfField } from '../layout/console-layout';
import { fieldError, type FieldErrors, settingsActions } from './settings-fields';

const channelName = { email: 'Email', sms: 'SMS' } as const;

/** The Notifications page: milestone × channel, quiet hours, cap, grouping, language. */
export function notificationsMain(input: {
  preferences: MerchantPreferences;
  csrf: string;
  version: string;
  errors: FieldErrors;
  hasDraft: boolean;
  groupWindowSeconds: number;
}): SafeHtml {
  const p = input.preferences;
  const e = input.errors;
  const box = (name: string, on: boolean, label: string) =>
    html`<input
      type="checkbox"
      id="${name}"
      name="${name}"
      ${on ? html`checked` : ''}
      aria-label="${label}"
    />`;
  const quiet = channels.map((c) => {
    const hours = p.quietHours[c];
    return html`<fieldset>
      <legend>${channelName[c]} quiet hours</legend>
      <label class="check"
        ><input type="checkbox" name="quiet.${c}.on" ${hours ? html`checked` : ''} /> Hold
        ${channelName[c]} messages during these hours (guest's local time)</label
      >
      <div class="actions">
        <div>
          <label for="quiet.${c}.start">From</label
          ><input
            type="time"
            id="quiet.${c}.start"
            name="quiet.${c}.start"
            value="${hours?.start ?? '21:00'}"
            ${fieldError.attrs(e, `quiet.${c}.start`)}
          />${fieldError.text(e, `quiet.${c}.start`)}
        </div>
        <div>
          <label for="quiet.${c}.end">Until</label
          ><input
            type="time"
            id="quiet.${c}.end"
            name="quiet.${c}.end"
            value="${hours?.end ?? '08:00'}"
            ${fieldError.attrs(e, `quiet.${c}.end`)}
          />${fieldError.text(e, `quiet.${c}.end`)}
        </div>
      </div>
    </fieldset>`;
  });
  return html`<form method="post" action="/console/notifications" novalidate>
    ${csrfField(input.csrf)}
    <input type="hidden" name="version" value="${input.version}" />
    <h2 id="matrix-h">Which milestones notify, on which channel</h2>
    <div class="table-scroll">
      <table class="matrix" aria-labelledby="matrix-h">
        <thead>
          <tr>
            <th scope="col">Milestone</th>
            ${channels.map((c) => html`<th scope="col">${channelName[c]}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${milestones.map(
            (m) =>
              html`<tr>
                <th scope="row">${milestoneLabels.en[m]}</th>
                ${channels.map((c) => html`<td>${box(`matrix.${m}.${c}`, p.matrix[m][c], `${milestoneLabels.en[m]} by ${channelName[c]}`)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h2>Quiet hours</h2>
    ${quiet}
    <h2>Limits, grouping and language</h2>
    <fieldset>
      <legend>Sending rules</legend>
      <label for="maxMessagesPerShipmentPerDay">Daily cap: messages per parcel per day</label>
      <input
        type="number"
        id="maxMessagesPerShipmentPerDay"
        name="maxMessagesPerShipmentPerDay"
        min="1"
        max="50"
        value="${p.maxMessagesPerShipmentPerDay}"
        ${fieldError.attrs(e, 'maxMessagesPerShipmentPerDay')}
      />
      ${fieldError.text(e, 'maxMessagesPerShipmentPerDay')}
      <p class="hint">
        Past the cap, further updates wait until the next day; delivery and problem messages are
        never dropped.
      </p>
      <label class="check"
        ><input
          type="checkbox"
          name="collapseMilestones"
          ${p.collapseMilestones ? html`checked` : ''}
        />
        Group updates: milestones of one order that fall due together go out as one message</label
      >
      <p class="hint">
        Updates wait ${input.groupWindowSeconds} seconds for others of the same order before they
        are sent (set for the whole installation by GROUP_WINDOW_MS).
      </p>
      <label class="check"
        ><input
          type="checkbox"
          name="smsRequiresConsent"
          ${p.smsRequiresConsent ? html`checked` : ''}
        />
        Text guests only when they agreed to SMS at checkout</label
      >
      <label class="check"
        ><input
          type="checkbox"
          name="sendOrderConfirmation"
          ${p.sendOrderConfirmation ? html`checked` : ''}
        />
        Send an order confirmation when an order arrives</label
      >
      <label for="statusLinkTtlDays">Status links stay valid for (days after delivery)</label>
      <input
        type="number"
        id="statusLinkTtlDays"
        name="statusLinkTtlDays"
        min="1"
        max="730"
        value="${p.statusLinkTtlDays}"
        ${fieldError.attrs(e, 'statusLinkTtlDays')}
      />
      ${fieldError.text(e, 'statusLinkTtlDays')}
    </fieldset>
    <fieldset>
      <legend>Language and time zone</legend>
      <label for="defaultLocale">Language when the guest's is unknown</label>
      <select id="defaultLocale" name="defaultLocale">
        ${supportedLocales.map((l) => html`<option value="${l}" ${l === p.defaultLocale ? html`selected` : ''}>${guestPageText[l].languageName}</option>`)}
      </select>
      <p class="hint">
        Guests get their own language when the order says which (${supportedLocales.length}
        languages).
      </p>
      <label for="timezone">Shop time zone (for figures; quiet hours use the guest's)</label>
      <input
        type="text"
        id="timezone"
        name="timezone"
        value="${p.timezone}"
        autocomplete="off"
        ${fieldError.attrs(e, 'timezone')}
      />
      ${fieldError.text(e, 'timezone')}
    </fieldset>
    ${settingsActions(input.hasDraft)}
  </form>`;
}
