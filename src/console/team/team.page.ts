import type { AuditEntry } from '../../audit/audit-entry';
import { changedPaths } from '../../audit/audit-entry';
import { html, type SafeHtml } from '../../web/html';
import { dataTable } from '../layout/data-table';
import type { ConsoleSession, ConsoleUser } from '../console-user';
import { timeAgo } from '../domain/time-ago';
import { csrfField } from '../layout/console-layout';
import { fieldError, type FieldErrors } from '../settings/settings-fields';

const actionText: Record<string, string> = {
  'settings.update': 'changed settings',
  'suppression.lift': 'lifted a suppression',
  'user.invite': 'invited a user',
  'webhook.create': 'added a webhook endpoint',
  'webhook.delete': 'removed a webhook endpoint',
  'api_key.create': 'created an API key',
  'api_key.revoke': 'revoked an API key',
  'integration.connect': 'connected a store',
  'integration.remove': 'disconnected a store',
  'session.revoke': 'signed out a session',
};

const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

function auditRow(entry: AuditEntry, now: Date): SafeHtml {
  const changed =
    entry.before !== undefined && entry.after !== undefined
      ? changedPaths(entry.before, entry.after)
      : [];
  return html`<tr>
    <td><time datetime="${entry.at.toISOString()}">${timeAgo(entry.at, now)}</time></td>
    <td>${entry.actor.label} <span class="muted">(${entry.actor.kind.replace('_', ' ')})</span></td>
    <td>
      ${actionText[entry.action] ?? entry.action}${entry.target ? html` <code>${entry.target}</code>` : ''}
      ${changed.length ? html`<br /><span class="muted">${changed.join(', ')}</span>` : ''}
      ${entry.reason ? html`<br />Reason: ${entry.reason}` : ''}
      ${
        entry.before !== undefined || entry.after !== undefined
          ? html`<details>
              <summary>Before and after</summary>
              <div class="columns">
                <pre class="plain-text" aria-label="Before">
${json(entry.before) || '(nothing)'}</pre>
                <pre class="plain-text" aria-label="After">${json(entry.after) || '(nothing)'}</pre>
              </div>
            </details>`
          : ''
      }
    </td>
  </tr>`;
}

/** Team & audit: who can sign in, your sessions, and every change made by people and keys. */
export function teamMain(input: {
  users: ConsoleUser[];
  sessions: ConsoleSession[];
  currentSessionId: string;
  audit: AuditEntry[];
  olderCursor: string | null;
  csrf: string;
  now: Date;
  errors: FieldErrors;
  email?: string;
}): SafeHtml {
  return html`<section aria-labelledby="users-h">
      <h2 id="users-h">People who can sign in</h2>
      ${dataTable(
        ['Email', 'Invited by', 'Last sign-in'],
        input.users.map(
          (u) =>
            html`<tr>
              <th scope="row">${u.email}</th>
              <td>${u.invitedBy}</td>
              <td>${u.lastSignInAt ? timeAgo(u.lastSignInAt, input.now) : 'never'}</td>
            </tr>`,
        ),
      )}
      <form method="post" action="/console/team/invite" class="card narrow" novalidate>
        ${csrfField(input.csrf)}
        <label for="invite-email">Invite a colleague by email</label>
        <input
          type="email"
          id="invite-email"
          name="email"
          value="${input.email ?? ''}"
          autocomplete="off"
          ${fieldError.attrs(input.errors, 'invite-email')}
        />
        ${fieldError.text(input.errors, 'invite-email')}
        <p class="hint">They get a one-time sign-in link and can do everything you can.</p>
        <button type="submit">Send invitation</button>
      </form>
    </section>
    <section aria-labelledby="sessions-h">
      <h2 id="sessions-h">Your sessions</h2>
      ${dataTable(
        ['Signed in', 'Last active'],
        input.sessions.map(
          (s) =>
            html`<tr>
              <th scope="row">${timeAgo(s.createdAt, input.now)}</th>
              <td>
                ${s.id === input.currentSessionId ? 'this browser' : timeAgo(s.lastSeenAt, input.now)}
              </td>
              <td>
                ${
                  s.id === input.currentSessionId
                    ? ''
                    : html`<form method="post" action="/console/team/sessions/${s.id}/revoke">
                        ${csrfField(input.csrf)}<button type="submit" class="secondary">
                          Sign out
                        </button>
                      </form>`
                }
              </td>
            </tr>`,
        ),
        { actions: true },
      )}
    </section>
    <section aria-labelledby="audit-h">
      <h2 id="audit-h">Audit log</h2>
      <p class="hint">
        Every change made in the console or through the API, newest first. Also at
        <code>GET /api/v1/audit-log</code>.
      </p>
      ${
        input.audit.length === 0
          ? html`<p>No changes yet.</p>`
          : dataTable(
              ['When', 'Who', 'What'],
              input.audit.map((e) => auditRow(e, input.now)),
            )
      }
      ${input.olderCursor ? html`<p><a href="/console/team?before=${input.olderCursor}#audit-h">Older changes</a></p>` : ''}
    </section>`;
}
