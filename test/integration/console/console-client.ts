import request from 'supertest';
import type { RecordingEmailSender } from '../../fakes/recording-senders';

type Fields = Record<string, string | string[]>;

/**
 * A browser-like console user: keeps cookies, reads the CSRF field from the last page and
 * submits forms the way the pages do (urlencoded, 303 redirects not followed).
 */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: request.Response): request.Response {
    for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.trim().split('=', 2);
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const field = /name="_csrf" value="([^"]+)"/.exec(res.text ?? '');
    if (field?.[1]) this.csrf = field[1];
    return res;
  }

  async get(path: string): Promise<request.Response> {
    return this.remember(await request(this.baseUrl).get(path).set('Cookie', this.cookieHeader()));
  }

  /** Posts a form with this page's CSRF field unless the test passes its own `_csrf`. */
  async post(path: string, fields: Fields = {}): Promise<request.Response> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries({ _csrf: this.csrf, ...fields }))
      for (const v of ([] as string[]).concat(value)) body.append(key, v);
    return this.remember(
      await request(this.baseUrl)
        .post(path)
        .set('Cookie', this.cookieHeader())
        .type('form')
        .send(body.toString()),
    );
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith('pl_console'));
  }

  /** Asks for a link, takes it from the recorded email, confirms it: a signed-in session. */
  async signIn(email: string, outbox: RecordingEmailSender): Promise<void> {
    const before = outbox.sent.length;
    await this.get('/console/sign-in');
    const asked = await this.post('/console/sign-in', { email, next: '/console' });
    if (asked.status !== 200) throw new Error(`sign-in request answered ${asked.status}`);
    const mail = outbox.sent.slice(before).find((m) => m.to === email);
    const link = /\/console\/sign-in\/[A-Za-z0-9_-]{43}/.exec(mail?.text ?? '')?.[0];
    if (!link) throw new Error(`no sign-in link was emailed to ${email}`);
    await this.get(link);
    const confirmed = await this.post(link, { next: '/console' });
    if (confirmed.status !== 303 || !this.hasSession())
      throw new Error(`the link did not sign in (status ${confirmed.status})`);
  }
}

export function linkIn(text: string | undefined): string {
  const link = /\/console\/sign-in\/[A-Za-z0-9_-]{43}/.exec(text ?? '')?.[0];
  if (!link) throw new Error('no sign-in link in the email');
  return link;
}
