import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the fake accepted (answered 2xx, or took and then hung on). */
export interface AcceptedMessage {
  provider: 'sendgrid' | 'twilio';
  /** X-Message-Id (SendGrid) or Message SID (Twilio). */
  id: string;
  /** SendGrid custom_args.notificationId, or the `n` parameter of Twilio's StatusCallback. */
  notificationId: string | undefined;
  to: string;
  subject?: string;
  body?: string;
  statusCallback?: string;
  at: Date;
}

/**
 * What the fake does with the next send requests:
 * - fail: answer `status` without taking the message;
 * - delay: take the message, answer after `ms`;
 * - hang: take the message and never answer (the caller sees a timeout: unknown outcome);
 * - refuse-hang: never answer and do not take the message.
 */
export type SendBehaviour =
  | { kind: 'accept' }
  | { kind: 'fail'; status: number; code?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'refuse-hang' };

export interface FakeProviderOptions {
  /** Expected SendGrid key (any Bearer key is taken when unset). */
  sendgridApiKey?: string;
  /** Expected Twilio account SID and auth token (any Basic credentials when unset). */
  twilio?: { accountSid: string; authToken: string };
}

/**
 * A local SendGrid + Twilio over real HTTP on 127.0.0.1, for the real SDKs: v3 Mail Send and
 * Email Activity, Twilio Messages create and list. It records every accepted message, so a
 * harness can count duplicates per notification id. `/_fake/*` lets another process steer it.
 */
export class FakeProvider {
  readonly accepted: AcceptedMessage[] = [];
  /** Emits 'accepted' (AcceptedMessage) as soon as a message is taken. */
  readonly events = new EventEmitter();
  /** Behaviours for the next send requests, in order; then `defaultBehaviour`. */
  readonly queue: SendBehaviour[] = [];
  defaultBehaviour: SendBehaviour = { kind: 'accept' };
  /** Email Activity: answer normally, or as an account without the add-on (403). */
  activity: 'ok' | 'forbidden' = 'ok';
  private server?: Server;
  private readonly hung = new Set<ServerResponse>();

  constructor(private readonly options: FakeProviderOptions = {}) {}

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) json(res, 500, { message: (err as Error).message });
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake provider not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many messages were accepted per notification id. */
  countsByNotification(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.accepted) {
      if (m.notificationId) counts.set(m.notificationId, (counts.get(m.notificationId) ?? 0) + 1);
    }
    return counts;
  }

  private nextBehaviour(): SendBehaviour {
    return this.queue.shift() ?? this.defaultBehaviour;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/_fake/')) return this.control(url, raw, res);
    if (req.method === 'POST' && url.pathname === '/v3/mail/send') {
      if (!this.sendgridAuthorized(req)) return json(res, 401, sendgridErrors('Permission denied'));
      return this.send(res, () => this.takeEmail(JSON.parse(raw) as SendGridMail));
    }
    if (req.method === 'GET' && url.pathname === '/v3/messages') {
      if (!this.sendgridAuthorized(req)) return json(res, 401, sendgridErrors('Permission denied'));
      if (this.activity === 'forbidden')
        return json(res, 403, sendgridErrors('authorization required'));
      return json(res, 200, { messages: this.emailActivity(url) });
    }
    const twilioPath = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    if (twilioPath) {
      const accountSid = twilioPath[1]!;
      if (!this.twilioAuthorized(req, accountSid))
        return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      if (req.method === 'POST')
        return this.send(res, () => this.takeSms(accountSid, new URLSearchParams(raw)));
      if (req.method === 'GET') return json(res, 200, this.messagesPage(accountSid, url));
    }
    json(res, 404, { message: `no fake for ${req.method} ${url.pathname}` });
  }

  /** Applies the next behaviour to one send request; `take` records and returns the answer. */
  private async send(
    res: ServerResponse,
    take: () => { status: number; headers?: Record<string, string>; body: unknown },
  ): Promise<void> {
    const behaviour = this.nextBehaviour();
    if (behaviour.kind === 'fail')
      return json(res, behaviour.status, {
        code: behaviour.code ?? behaviour.status,
        message: `fake failure ${behaviour.status}`,
        status: behaviour.status,
        errors: [{ message: `fake failure ${behaviour.status}` }],
      });
    if (behaviour.kind === 'refuse-hang') {
      this.hung.add(res);
      return;
    }
    const answer = take();
    if (behaviour.kind === 'hang') {
      this.hung.add(res);
      return;
    }
    if (behaviour.kind === 'delay')
      await new Promise((resolve) => setTimeout(resolve, behaviour.ms));
    json(res, answer.status, answer.body, answer.headers);
  }

  private record(message: AcceptedMessage): void {
    this.accepted.push(message);
    this.events.emit('accepted', message);
  }

  private takeEmail(mail: SendGridMail) {
    const id = randomBytes(11).toString('base64url');
    this.record({
      provider: 'sendgrid',
      id,
      notificationId: mail.custom_args?.notificationId,
      to: mail.personalizations?.[0]?.to?.[0]?.email ?? '',
      subject: mail.subject,
      at: new Date(),
    });
    return { status: 202, headers: { 'X-Message-Id': id }, body: '' };
  }

  private takeSms(accountSid: string, form: URLSearchParams) {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const statusCallback = form.get('StatusCallback') ?? undefined;
    const message: AcceptedMessage = {
      provider: 'twilio',
      id: sid,
      notificationId: statusCallback
        ? (new URL(statusCallback).searchParams.get('n') ?? undefined)
        : undefined,
      to: form.get('To') ?? '',
      body: form.get('Body') ?? '',
      statusCallback,
      at: new Date(),
    };
    this.record(message);
    return {
      status: 201,
      body: twilioResource(accountSid, message, form),
    };
  }

  /** Email Activity search; understands `unique_args['key']="value"` terms joined by AND. */
  private emailActivity(url: URL) {
    const query = url.searchParams.get('query') ?? '';
    const limit = Number(url.searchParams.get('limit') ?? '10');
    const terms = [...query.matchAll(/unique_args\['([^']+)'\]\s*=\s*"([^"]*)"/g)];
    return this.accepted
      .filter((m) => m.provider === 'sendgrid')
      .filter((m) =>
        terms.every(([, key, value]) => key === 'notificationId' && m.notificationId === value),
      )
      .slice(0, limit)
      .map((m) => ({
        from_email: 'updates@porchlight.example',
        msg_id: `${m.id}.filter0001.1.0`,
        subject: m.subject,
        to_email: m.to,
        status: 'delivered',
        opens_count: 0,
        clicks_count: 0,
        last_event_time: m.at.toISOString(),
      }));
  }

  /** One page of the Messages list, filtered by To and DateSent>= / DateSent<= as Twilio does. */
  private messagesPage(accountSid: string, url: URL) {
    const to = url.searchParams.get('To');
    const after = url.searchParams.get('DateSent>') ?? url.searchParams.get('DateSent>=');
    const before = url.searchParams.get('DateSent<') ?? url.searchParams.get('DateSent<=');
    const pageSize = Number(url.searchParams.get('PageSize') ?? '50');
    const messages = this.accepted
      .filter((m) => m.provider === 'twilio')
      .filter((m) => !to || m.to === to)
      .filter((m) => !after || m.at >= new Date(after))
      .filter((m) => !before || m.at <= new Date(before))
      .reverse() // newest first, as Twilio lists them
      .slice(0, pageSize)
      .map((m) => twilioResource(accountSid, m));
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages.json${url.search}`;
    return {
      messages,
      end: messages.length - 1,
      first_page_uri: uri,
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri,
    };
  }

  private control(url: URL, raw: string, res: ServerResponse): void {
    if (url.pathname === '/_fake/messages') return json(res, 200, this.accepted);
    if (url.pathname === '/_fake/behaviour') {
      const body = JSON.parse(raw || '{}') as {
        queue?: SendBehaviour[];
        default?: SendBehaviour;
        activity?: 'ok' | 'forbidden';
      };
      this.queue.push(...(body.queue ?? []));
      if (body.default) this.defaultBehaviour = body.default;
      if (body.activity) this.activity = body.activity;
      return json(res, 204, '');
    }
    json(res, 404, {});
  }

  private sendgridAuthorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) return false;
    return !this.options.sendgridApiKey || header === `Bearer ${this.options.sendgridApiKey}`;
  }

  private twilioAuthorized(req: IncomingMessage, accountSid: string): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const expected = this.options.twilio;
    if (!expected) return true;
    const credentials = Buffer.from(header.slice(6), 'base64').toString();
    return (
      accountSid === expected.accountSid &&
      credentials === `${expected.accountSid}:${expected.authToken}`
    );
  }
}

interface SendGridMail {
  personalizations?: Array<{ to?: Array<{ email: string }> }>;
  subject?: string;
  custom_args?: Record<string, string>;
}

/** Twilio's Message resource as the API returns it, plus the StatusCallback it was given. */
function twilioResource(accountSid: string, m: AcceptedMessage, form?: URLSearchParams) {
  return {
    sid: m.id,
    account_sid: accountSid,
    to: m.to,
    from: form?.get('From') ?? '+15005550006',
    messaging_service_sid: form?.get('MessagingServiceSid') ?? null,
    body: m.body,
    status: 'sent',
    direction: 'outbound-api',
    num_segments: '1',
    date_created: m.at.toUTCString(),
    date_updated: m.at.toUTCString(),
    date_sent: m.at.toUTCString(),
    api_version: '2010-04-01',
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.id}.json`,
    status_callback: m.statusCallback ?? null,
  };
}

function sendgridErrors(message: string) {
  return { errors: [{ message, field: null }] };
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === '' ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'Content-Type': 'application/json' } : {}),
    ...headers,
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
