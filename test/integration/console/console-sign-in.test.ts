import nock from 'nock';
import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { RecordingEmailSender } from '../../fakes/recording-senders';
import { startTestApp } from '../../support/test-app';
import { ConsoleClient, linkIn } from './console-client';

const minute = 60_000;

describe('console sign-in and sessions', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const outbox = new RecordingEmailSender();
  const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    app = await startTestApp({
      env: { CONSOLE_SIGN_IN_LIMIT: '20' },
      overrides: { senders: { email: outbox }, clock },
    });
    const { repositories } = app.container;
    const merchant = await repositories.merchants.create('console-auth', {
      name: 'Juniper & Pine',
      branding: { displayName: 'Juniper & Pine', primaryColor: '#2f6b4f' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    await repositories.consoleUsers.invite(merchant.id, 'ada@juniper.example', 'cli');
  });
  afterAll(async () => {
    await app?.stop();
    nock.enableNetConnect();
  });
  beforeEach(() => {
    clock.offsetMs = 0;
  });

  it('when someone opens the console without a session, then they are sent to sign in and back', async () => {
    const res = await request(app.url).get('/console/log?q=1001');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(
      '/console/sign-in?reason=signed-out&next=%2Fconsole%2Flog%3Fq%3D1001',
    );
  });

  it('when a user signs in by emailed link, then the session cookie is HttpOnly, SameSite=Lax and the overview opens', async () => {
    const user = new ConsoleClient(app.url);
    const before = outbox.sent.length;
    await user.get('/console/sign-in');
    await user.post('/console/sign-in', { email: ' Ada@Juniper.example ', next: '/console' });
    const mail = outbox.sent[before];
    expect(mail?.to).toBe('ada@juniper.example');
    expect(mail?.subject).toBe('Sign in to Juniper & Pine');
    const link = linkIn(mail?.text);
    // Opening the link only shows a button: a mail scanner following it signs nobody in.
    const opened = await user.get(link);
    expect(opened.status).toBe(200);
    expect(user.hasSession()).toBe(false);
    const confirmed = await user.post(link, { next: '/console/team' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe('/console/team');
    const cookie = ([] as string[])
      .concat(confirmed.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('pl_console='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const overview = await request(app.url)
      .get('/console')
      .set('Cookie', cookie?.split(';')[0] ?? '');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('Overview');
    expect(overview.headers['cache-control']).toBe('no-store');
    expect(overview.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(overview.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('when a link is used twice, then the second use is refused', async () => {
    const first = new ConsoleClient(app.url);
    await first.signIn('ada@juniper.example', outbox);
    const link = linkIn(outbox.sent.at(-1)?.text);
    const second = new ConsoleClient(app.url);
    await second.get(link);
    const res = await second.post(link);
    expect(res.headers.location).toBe('/console/sign-in?reason=invalid-link');
    expect(second.hasSession()).toBe(false);
  });

  it('when a link is 16 minutes old, then it no longer works', async () => {
    const user = new ConsoleClient(app.url);
    await user.get('/console/sign-in');
    await user.post('/console/sign-in', { email: 'ada@juniper.example' });
    const link = linkIn(outbox.sent.at(-1)?.text);
    clock.offsetMs = 16 * minute;
    await user.get(link);
    const res = await user.post(link);
    expect(res.headers.location).toBe('/console/sign-in?reason=invalid-link');
  });

  it('when an address is unknown, then the answer is the same and nothing is sent', async () => {
    const user = new ConsoleClient(app.url);
    const before = outbox.sent.length;
    await user.get('/console/sign-in');
    const res = await user.post('/console/sign-in', { email: 'mallory@elsewhere.example' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('If that address belongs to a console user');
    expect(outbox.sent.length).toBe(before);
  });

  it('when the email field is not an address, then the form says so with 422', async () => {
    const user = new ConsoleClient(app.url);
    await user.get('/console/sign-in');
    const res = await user.post('/console/sign-in', { email: 'not-an-address' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('aria-invalid="true"');
  });

  it('when 30 minutes pass without a request, then the session has ended', async () => {
    const user = new ConsoleClient(app.url);
    await user.signIn('ada@juniper.example', outbox);
    clock.offsetMs = 29 * minute;
    expect((await user.get('/console')).status).toBe(200);
    clock.offsetMs = 29 * minute + 30 * minute;
    const res = await user.get('/console');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/reason=expired/);
  });

  it('when a session is 12 hours old, then it ends even though it was used a minute ago', async () => {
    const user = new ConsoleClient(app.url);
    await user.signIn('ada@juniper.example', outbox);
    for (let m = 25; m < 12 * 60; m += 25) {
      clock.offsetMs = m * minute;
      expect((await user.get('/console/team')).status).toBe(200);
    }
    clock.offsetMs = 12 * 60 * minute + minute;
    expect((await user.get('/console/team')).status).toBe(303);
  });

  it('when a form arrives without this session’s CSRF field, then it is refused and nothing changes', async () => {
    const user = new ConsoleClient(app.url);
    await user.signIn('ada@juniper.example', outbox);
    await user.get('/console/connections');
    const before = (
      await app.container.repositories.apiKeys.listForMerchant(
        (await app.container.repositories.merchants.findBySlug('console-auth'))?.id ?? '',
      )
    ).length;
    expect((await user.post('/console/connections/keys', { _csrf: '' })).status).toBe(403);
    const other = new ConsoleClient(app.url);
    await other.signIn('ada@juniper.example', outbox);
    await other.get('/console');
    expect((await user.post('/console/connections/keys', { _csrf: other.csrf })).status).toBe(403);
    const after = (
      await app.container.repositories.apiKeys.listForMerchant(
        (await app.container.repositories.merchants.findBySlug('console-auth'))?.id ?? '',
      )
    ).length;
    expect(after).toBe(before);
  });

  it('when a user signs out, then that cookie is dead even if replayed', async () => {
    const user = new ConsoleClient(app.url);
    await user.signIn('ada@juniper.example', outbox);
    const stolen = new ConsoleClient(app.url);
    await stolen.signIn('ada@juniper.example', outbox);
    await user.get('/console');
    const cookie = (user as unknown as { cookies: Map<string, string> }).cookies.get('pl_console');
    const out = await user.post('/console/sign-out');
    expect(out.headers.location).toBe('/console/sign-in?reason=signed-out');
    const replay = await request(app.url).get('/console').set('Cookie', `pl_console=${cookie}`);
    expect(replay.status).toBe(303);
    expect((await stolen.get('/console')).status).toBe(200);
  });

  it('when one address asks for links too often, then it gets 429 with Retry-After', async () => {
    const user = new ConsoleClient(app.url);
    await user.get('/console/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await user.post('/console/sign-in', { email: 'flood@juniper.example' });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
