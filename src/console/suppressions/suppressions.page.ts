import { html, type SafeHtml } from '../../web/html';
import { dataTable } from '../layout/data-table';
import { timeAgo } from '../domain/time-ago';
import { csrfField } from '../layout/console-layout';

export interface SuppressionRow {
  id: string;
  channel: 'email' | 'sms';
  hint: string | null;
  reason: string;
  source?: string;
  createdAt: Date;
  global: boolean;
}

/** Suppressions: who no longer gets messages and why, with a recorded, confirmed lift. */
export function suppressionsMain(input: {
  rows: SuppressionRow[];
  channel: string;
  olderCursor: string | null;
  csrf: string;
  now: Date;
  liftError?: { id: string; message: string };
}): SafeHtml {
  const option = (value: string, label: string) =>
    html`<option value="${value}" ${input.channel === value ? html`selected` : ''}>
      ${label}
    </option>`;
  return html`<form method="get" action="/console/suppressions" class="card">
      <label for="channel">Channel</label>
      <select id="channel" name="channel">
        ${option('', 'All')}${option('email', 'Email')}${option('sms', 'SMS')}
      </select>
      <button type="submit">Filter</button>
      <p class="hint">
        Addresses are stored only as keyed hashes; the masked hint helps you recognise one.
      </p>
    </form>
    ${
      input.rows.length === 0
        ? html`<p>No suppressions. Everyone who asked for messages can get them.</p>`
        : dataTable(
            ['Address', 'Channel', 'Why', 'From', 'When'],
            input.rows.map(
              (s) =>
                html`<tr>
                  <th scope="row">${s.hint ?? 'hidden'}</th>
                  <td>${s.channel === 'sms' ? 'SMS' : 'Email'}</td>
                  <td>${s.reason}</td>
                  <td>${s.source ?? ''}</td>
                  <td>
                    <time datetime="${s.createdAt.toISOString()}"
                      >${timeAgo(s.createdAt, input.now)}</time
                    >
                  </td>
                  <td>
                    ${
                      s.global
                        ? html`<span class="hint"
                            >Applies to every shop on the shared sender; it can only be lifted by
                            the guest (START) or the operator.</span
                          >`
                        : html`<details ${input.liftError?.id === s.id ? html`open` : ''}>
                            <summary>Lift…</summary>
                            <form
                              method="post"
                              action="/console/suppressions/${s.id}/lift"
                              novalidate
                            >
                              ${csrfField(input.csrf)}
                              <label for="reason-${s.id}"
                                >Why is it safe to message this address again?</label
                              >
                              <textarea
                                id="reason-${s.id}"
                                name="reason"
                                rows="2"
                                maxlength="500"
                                required
                                ${input.liftError?.id === s.id ? html`aria-invalid="true" aria-describedby="reason-${s.id}-error"` : ''}
                              ></textarea>
                              ${input.liftError?.id === s.id ? html`<p class="field-error" id="reason-${s.id}-error">${input.liftError.message}</p>` : ''}
                              <p class="hint">
                                Only lift a suppression when the guest asked you to. The reason is
                                kept in the audit log.
                              </p>
                              <button type="submit" class="danger">Lift suppression</button>
                            </form>
                          </details>`
                    }
                  </td>
                </tr>`,
            ),
            { actions: true },
          )
    }
    ${
      input.olderCursor
        ? html`<p>
            <a href="/console/suppressions?channel=${input.channel}&amp;before=${input.olderCursor}"
              >Older</a
            >
          </p>`
        : ''
    }`;
}
