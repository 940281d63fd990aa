import nock from 'nock';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import { defaultGuestPreferences } from '../../../src/orders/order';
import type { Container } from '../../../src/app/container';
import { RecordingEmailSender } from '../../fakes/recording-senders';
import { startTestApp } from '../../support/test-app';
import { ConsoleClient } from './console-client';

async function shop(container: Container, slug: string, name: string, user: string) {
  const { repositories } = container;
  const merchant = await repositories.merchants.create(slug, {
    name,
    branding: { displayName: name, primaryColor: '#2f6b4f' },
    senders: { email: {}, sms: {} },
    preferences: defaultMerchantPreferences(),
  });
  await repositories.consoleUsers.invite(merchant.id, user, 'cli');
  const { order } = await repositories.orders.upsert({
    merchantId: merchant.id,
    externalId: `${slug}-1001`,
    orderNumber: '1001',
    guest: {
      email: `guest@${slug}.example`,
      phone: '+12025550143',
      name: 'Grace Hopper',
      consent: { email: { granted: true }, sms: { granted: false } },
      preferences: defaultGuestPreferences,
    },
    destination: { city: 'Brooklyn', country: 'US' },
    items: [{ name: 'Mug', quantity: 1 }],
  });
  const now = new Date();
  await repositories.notifications.addIntents(
    (['email', 'sms'] as const).map((channel) => ({
      idempotencyKey: `${order.id}:shipped:${channel}`,
      merchantId: merchant.id,
      orderId: order.id,
      shipmentIds: [],
      milestone: 'shipped' as const,
      channel,
      recipient: channel === 'email' ? `guest@${slug}.example` : '+12025550143',
      template: 'shipped',
      locale: 'en',
      notBefore: now,
    })),
    now,
  );
  return { merchant, order };
}

describe('console pages', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const outbox = new RecordingEmailSender();
  let a: { merchant: Merchant; order: { id: string } };
  let b: { merchant: Merchant; order: { id: string } };
  const ada = () => {
    const client = new ConsoleClient(app.url);
    return client.signIn('ada@juniper.example', outbox).then(() => client);
  };
  const bob = () => {
    const client = new ConsoleClient(app.url);
    return client.signIn('bob@other.example', outbox).then(() => client);
  };

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    app = await startTestApp({ overrides: { senders: { email: outbox } } });
    a = await shop(app.container, 'juniper', 'Juniper & Pine', 'ada@juniper.example');
    b = await shop(app.container, 'other', 'Other Shop', 'bob@other.example');
    const { suppressions } = app.container.repositories;
    await suppressions.add({
      channel: 'sms',
      address: '+12025550143',
      merchantId: a.merchant.id,
      reason: 'STOP',
      source: 'twilio inbound',
    });
    await suppressions.add({
      channel: 'email',
      address: 'shared@guest.example',
      merchantId: '',
      reason: 'spam report',
      source: 'sendgrid',
    });
  });
  afterAll(async () => {
    await app?.stop();
    nock.enableNetConnect();
  });

  it('when every page is opened, then each answers 200 with its heading and the navigation marks it', async () => {
    const user = await ada();
    for (const [path, title] of [
      ['/console', 'Overview'],
      ['/console/notifications', 'Notifications'],
      ['/console/branding', 'Branding'],
      ['/console/preview', 'Preview'],
      ['/console/log', 'Delivery log'],
      ['/console/suppressions', 'Suppressions'],
      ['/console/connections', 'Integrations &amp; keys'],
      ['/console/team', 'Team &amp; audit'],
    ] as const) {
      const res = await user.get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.text).toContain(`<h1>${title}</h1>`);
      expect(res.text).toMatch(/aria-current="page"/);
    }
  });

  it('when quiet hours are changed and saved, then the merchant has them and the audit log shows before and after', async () => {
    const user = await ada();
    await user.get('/console/notifications');
    const res = await user.post('/console/notifications', {
      version: a.merchant.updatedAt.toISOString(),
      action: 'save',
      'matrix.delivered.email': 'on',
      'matrix.delivered.sms': 'on',
      'quiet.sms.on': 'on',
      'quiet.sms.start': '20:00',
      'quiet.sms.end': '09:00',
      timezone: 'America/New_York',
      defaultLocale: 'en',
      maxMessagesPerShipmentPerDay: '3',
      statusLinkTtlDays: '90',
      smsRequiresConsent: 'on',
      collapseMilestones: 'on',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/notifications?notice=saved');
    const saved = await app.container.repositories.merchants.findById(a.merchant.id);
    expect(saved?.preferences.quietHours.sms).toEqual({ start: '20:00', end: '09:00' });
    expect(saved?.preferences.matrix.shipped.email).toBe(false);
    const audit = await app.container.repositories.auditLog.page(a.merchant.id, 10);
    const entry = audit.find((e) => e.action === 'settings.update');
    expect(entry?.actor).toMatchObject({ kind: 'console_user', label: 'ada@juniper.example' });
    expect(entry?.before).toMatchObject({
      preferences: { quietHours: { sms: { start: '21:00', end: '08:00' } } },
    });
    expect(entry?.after).toMatchObject({
      preferences: { quietHours: { sms: { start: '20:00', end: '09:00' } } },
    });
    const team = await user.get('/console/team');
    expect(team.text).toContain('changed settings');
    expect(team.text).toContain('preferences.quietHours.sms.start');
  });

  it('when a stale form is saved after a colleague saved, then it is refused with 409 and nothing is overwritten', async () => {
    const user = await ada();
    await user.get('/console/branding');
    const res = await user.post('/console/branding', {
      version: '2001-01-01T00:00:00.000Z',
      action: 'save',
      displayName: 'Overwritten',
      primaryColor: '#000000',
    });
    expect(res.status).toBe(409);
    expect(
      (await app.container.repositories.merchants.findById(a.merchant.id))?.branding.displayName,
    ).toBe('Juniper & Pine');
  });

  it('when a field is invalid, then the form says which with 422 and nothing is saved', async () => {
    const user = await ada();
    await user.get('/console/branding');
    const res = await user.post('/console/branding', {
      action: 'save',
      displayName: '',
      primaryColor: '#2f6b4f',
      logoUrl: 'javascript:alert(1)',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="displayName-error"');
    expect(res.text).toContain('id="logoUrl-error"');
  });

  it('when a new brand colour is previewed, then every milestone renders with it before anything is saved', async () => {
    const user = await ada();
    await user.get('/console/branding');
    const res = await user.post('/console/branding', {
      action: 'preview',
      displayName: 'Juniper & Pine',
      primaryColor: '#7b2d8e',
    });
    expect(res.headers.location).toBe('/console/preview?notice=draft');
    const page = await user.get('/console/preview?milestone=delivered&channel=email&locale=en');
    expect(page.text).toContain('unsaved');
    for (const milestone of [
      'shipped',
      'out_for_delivery',
      'delivered',
      'exception',
      'order_confirmation',
    ]) {
      const frame = await user.get(
        `/console/preview/frame?milestone=${milestone}&locale=en&channel=email`,
      );
      expect([milestone, frame.status]).toEqual([milestone, 200]);
      expect(frame.text.toLowerCase()).toContain('#7b2d8e');
      expect(frame.headers['content-security-policy']).toContain('sandbox');
      expect(frame.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    }
    expect(
      (await app.container.repositories.merchants.findById(a.merchant.id))?.branding.primaryColor,
    ).toBe('#2f6b4f');
    const sms = await user.get('/console/preview?milestone=delivered&channel=sms&locale=fr');
    expect(sms.text).toMatch(/GSM-7|UCS-2/);
    expect(sms.text).toMatch(/segment/);
    await user.post('/console/preview/discard');
    expect((await user.get('/console/preview')).text).not.toContain('unsaved');
  });

  it("when support searches a guest's email, then the order, its messages and the reasons appear, and another shop sees nothing", async () => {
    const user = await ada();
    const res = await user.get('/console/log?q=GUEST%40juniper.example');
    expect(res.text).toContain('Order 1001');
    expect(res.text).toContain('Grace Hopper');
    expect(res.text).toContain('The guest did not agree to texts at checkout');
    expect(res.text).toContain('This number is suppressed');
    expect(res.text).toContain('Planned when the milestone was reached');
    const byPhone = await user.get('/console/log?q=%2B1%20202%20555%200143');
    expect(byPhone.text).toContain('Order 1001');
    const other = await bob();
    const leak = await other.get('/console/log?q=guest%40juniper.example');
    expect(leak.text).not.toContain('Grace Hopper');
    expect((await other.get('/console/log?q=1001')).text).toContain('guest@other.example');
    expect((await user.get(`/console/log?order=${b.order.id}`)).text).not.toContain(
      'guest@other.example',
    );
    const byId = await other.get(`/console/log?order=${a.order.id}`);
    expect(byId.text).not.toContain('Grace Hopper');
  });

  it('when a suppression is lifted with a reason, then it is gone and audited; another shop and global ones cannot be lifted', async () => {
    const user = await ada();
    const list = await user.get('/console/suppressions');
    expect(list.text).toContain('+1•••••0143');
    expect(list.text).not.toContain('+12025550143');
    const ownId = /\/console\/suppressions\/([0-9a-f]{24})\/lift/.exec(list.text)?.[1] ?? '';
    const other = await bob();
    await other.get('/console/suppressions');
    expect(
      (await other.post(`/console/suppressions/${ownId}/lift`, { reason: 'guest asked' })).status,
    ).toBe(404);
    expect((await user.post(`/console/suppressions/${ownId}/lift`, { reason: '' })).status).toBe(
      422,
    );
    const lifted = await user.post(`/console/suppressions/${ownId}/lift`, {
      reason: 'Guest called and asked for texts again',
    });
    expect(lifted.headers.location).toBe('/console/suppressions?notice=lifted');
    expect(
      await app.container.repositories.suppressions.find('sms', '+12025550143', a.merchant.id),
    ).toBeNull();
    const audit = await app.container.repositories.auditLog.page(a.merchant.id, 10);
    expect(audit.find((e) => e.action === 'suppression.lift')?.reason).toBe(
      'Guest called and asked for texts again',
    );
    const globalRow = await app.container.repositories.suppressions.list(a.merchant.id, {
      limit: 10,
    });
    const globalId = globalRow.find((s) => s.global)?.id ?? '';
    expect(
      (await user.post(`/console/suppressions/${globalId}/lift`, { reason: 'try' })).status,
    ).toBe(409);
  });

  it('when an API key is created, then it is shown once and works; revoking it is audited and kills it', async () => {
    const user = await ada();
    await user.get('/console/connections');
    const created = await user.post('/console/connections/keys');
    expect(created.status).toBe(201);
    const key = /<p class="secret">([^<]+)<\/p>/.exec(created.text)?.[1] ?? '';
    expect(key).toMatch(/^pl_live_/);
    const api = await fetch(`${app.url}/api/v1/preferences`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(api.status).toBe(200);
    const page = await user.get('/console/connections');
    expect(page.text).not.toContain(key);
    const keyId = [...page.text.matchAll(/\/console\/connections\/keys\/([0-9a-f]{24})\/revoke/g)]
      .map((m) => m[1])
      .at(-1);
    const other = await bob();
    await other.get('/console/connections');
    expect((await other.post(`/console/connections/keys/${keyId}/revoke`)).status).toBe(404);
    expect((await user.post(`/console/connections/keys/${keyId}/revoke`)).status).toBe(303);
    const after = await fetch(`${app.url}/api/v1/preferences`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(after.status).toBe(401);
    const actions = (await app.container.repositories.auditLog.page(a.merchant.id, 20)).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['api_key.create', 'api_key.revoke']));
  });

  it('when a store and a webhook are added, then the store shows its webhook URL and a private webhook address is refused', async () => {
    const user = await ada();
    await user.get('/console/connections');
    const store = await user.post('/console/connections/stores', {
      platform: 'shopify',
      shopDomain: 'juniper-console.myshopify.com',
      webhookSecret: 'shpss_0123456789abcdef0123456789abcdef',
    });
    expect(store.status).toBe(303);
    const page = await user.get('/console/connections');
    expect(page.text).toContain('juniper-console.myshopify.com');
    expect(page.text).toContain('/integrations/shopify/webhooks');
    expect(page.text).not.toContain('shpss_0123456789abcdef');
    const refused = await user.post('/console/connections/webhooks', {
      url: 'https://127.0.0.1/hook',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('id="url-error"');
  });

  it('when a colleague is invited, then they get a link and can sign in to the same shop only', async () => {
    const user = await ada();
    await user.get('/console/team');
    expect(
      (await user.post('/console/team/invite', { email: 'carol@juniper.example' })).status,
    ).toBe(303);
    expect(outbox.sent.at(-1)).toMatchObject({
      to: 'carol@juniper.example',
      subject: 'You are invited to Juniper & Pine on Porchlight',
    });
    const carol = new ConsoleClient(app.url);
    await carol.signIn('carol@juniper.example', outbox);
    expect((await carol.get('/console')).text).toContain('Juniper &amp; Pine');
    expect((await user.post('/console/team/invite', { email: 'nope' })).status).toBe(422);
  });
});
