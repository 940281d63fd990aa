import { Router } from 'express';
import type {
  DevMessage,
  DevMessageRepository,
} from '../../db/repositories/dev-message.repository';
import { dataTable } from '../../console/layout/data-table';
import { AppError } from '../../shared/app-error';
import { html, type SafeHtml } from '../html';

/** The headers a provider would receive, so List-Unsubscribe and categories can be checked. */
function emailHeaders(m: DevMessage): SafeHtml {
  const headers: Array<[string, string]> = [
    ['From', m.from ?? ''],
    ['To', m.to],
    ['Subject', m.subject ?? ''],
    ...Object.entries(m.headers ?? {}),
  ];
  return html`<details>
    <summary>Headers</summary>
    <dl class="headers">
      ${headers.map(
        ([name, value]) =>
          html`<dt>${name}</dt>
            <dd>${value}</dd>`,
      )}
    </dl>
  </details>`;
}

/**
 * /dev/outbox lists what the log transports "sent". Demo and development only: the app factory
 * never mounts it in production.
 */
export function devOutboxRoutes(messages: DevMessageRepository): Router {
  const router = Router();
  router.get('/dev/outbox', async (_req, res) => {
    const list = await messages.list(200);
    const rows = list.map(
      (m) =>
        html`<tr>
          <td>${m.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
          <td>${m.channel}</td>
          <td>${m.to}</td>
          <td>
            ${
              m.channel === 'email'
                ? html`<a href="/dev/outbox/${m.id}">${m.subject ?? '(no subject)'}</a> ·
                    <a href="/dev/outbox/${m.id}?format=text">text</a>${emailHeaders(m)}`
                : html`<pre>${m.text}</pre>`
            }
          </td>
        </tr>`,
    );
    res.type('html').send(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width,initial-scale=1" />
            <title>Dev outbox · Porchlight</title>
            <style>
              body {
                font:
                  15px/1.4 system-ui,
                  sans-serif;
                margin: 2rem;
                color: #1b1f24;
              }
              @media (max-width: 40rem) {
                body {
                  margin: 1rem;
                }
              }
              /* A phone scrolls the table sideways rather than cutting off its last column. */
              .table-scroll {
                overflow-x: auto;
              }
              table {
                border-collapse: collapse;
                width: 100%;
              }
              td,
              th {
                border-bottom: 1px solid #ddd;
                padding: 0.5rem;
                text-align: left;
                vertical-align: top;
              }
              .headers {
                display: grid;
                grid-template-columns: max-content 1fr;
                gap: 0.25rem 1rem;
                font-size: 13px;
                word-break: break-all;
              }
              .headers dt {
                font-weight: 600;
              }
              .headers dd {
                margin: 0;
              }
              pre {
                white-space: pre-wrap;
                margin: 0;
                font: inherit;
              }
            </style>
          </head>
          <body>
            <main>
              <h1>Dev outbox</h1>
              <p>${list.length} message(s) recorded by the log transports, newest first.</p>
              ${dataTable(['When (UTC)', 'Channel', 'To', 'Message'], rows)}
            </main>
          </body>
        </html>`.value,
    );
  });
  router.get('/dev/outbox/:id', async (req, res) => {
    const message = await messages.findById(req.params.id);
    if (!message) throw new AppError('not_found', 'No such message.');
    if (req.query.format === 'text' || !message.html)
      return void res.type('text/plain').send(message.text);
    // The stored HTML is the email exactly as the guest would see it.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; img-src * data:; style-src 'unsafe-inline'",
    );
    res.type('html').send(message.html);
  });
  router.get('/dev/outbox.json', async (_req, res) => {
    res.json({ messages: await messages.list(200) });
  });
  return router;
}
