import request from 'supertest';
import { startTestApp } from '../../support/test-app';
import { formSession } from './guest-forms';
import { seedOrder } from './guest-fixtures';

describe('guest preferences', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when the guest opens preferences, then the current choices are shown, SMS only with consent', async () => {
    const withSms = await seedOrder(app.container, { shipments: [{ status: 'in_transit' }] });
    const page = await request(app.url).get(`/t/${withSms.token}/preferences`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="ch-email"');
    expect(page.text).toContain('id="ch-sms"');
    expect(page.text).not.toContain('grace.hopper');

    const noConsent = await seedOrder(app.container, {
      guest: { consent: { email: { granted: true }, sms: { granted: false } } },
      shipments: [{ status: 'in_transit' }],
    });
    const limited = await request(app.url).get(`/t/${noConsent.token}/preferences`);
    expect(limited.text).not.toContain('id="ch-sms"');
    expect(limited.text).toContain('Text messages are not available for this order.');
  });

  it('when the guest saves "key milestones only" by email alone, then the order stores it where the notification policy reads it', async () => {
    const { token, order } = await seedOrder(app.container, {
      shipments: [{ status: 'in_transit' }],
    });
    const path = `/t/${token}/preferences`;
    const session = await formSession(app.url, path);
    const res = await request(app.url)
      .post(path)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrf, email: 'on', level: 'key' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${path}?lang=en&saved=1`);
    const stored = await app.container.repositories.orders.findById(order.id);
    expect(stored?.guest.preferences).toEqual({
      channels: { email: true, sms: false },
      level: 'key',
      stopped: false,
    });
    const after = await request(app.url).get(res.headers.location as string);
    expect(after.text).toContain('Saved. Your choices apply from the next update.');
    expect(after.text).toMatch(/id="lv-key"[^>]*checked/);
  });

  it('when the guest stops all updates, then the order says stopped', async () => {
    const { token, order } = await seedOrder(app.container, {
      shipments: [{ status: 'in_transit' }],
    });
    const path = `/t/${token}/preferences`;
    const session = await formSession(app.url, path);
    await request(app.url)
      .post(path)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrf, email: 'on', sms: 'on', level: 'all', stopped: 'on' });
    const stored = await app.container.repositories.orders.findById(order.id);
    expect(stored?.guest.preferences.stopped).toBe(true);
  });

  it('when SMS has no consent, then a forged sms=on does not change the stored SMS choice', async () => {
    const { token, order } = await seedOrder(app.container, {
      guest: {
        consent: { email: { granted: true }, sms: { granted: false } },
        preferences: { channels: { email: true, sms: false }, level: 'all', stopped: false },
      },
      shipments: [{ status: 'in_transit' }],
    });
    const path = `/t/${token}/preferences`;
    const session = await formSession(app.url, path);
    await request(app.url)
      .post(path)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrf, email: 'on', sms: 'on', level: 'all' });
    const stored = await app.container.repositories.orders.findById(order.id);
    expect(stored?.guest.preferences.channels.sms).toBe(false);
  });

  it('when the CSRF field is missing, then nothing changes and the form is shown again with 403', async () => {
    const { token, order } = await seedOrder(app.container, {
      shipments: [{ status: 'in_transit' }],
    });
    const path = `/t/${token}/preferences`;
    const session = await formSession(app.url, path);
    const res = await request(app.url)
      .post(path)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ stopped: 'on' });
    expect(res.status).toBe(403);
    const stored = await app.container.repositories.orders.findById(order.id);
    expect(stored?.guest.preferences.stopped).toBe(false);
  });

  it('when the token is revoked, then preferences answer the same 404 as the status page', async () => {
    const { token, order } = await seedOrder(app.container, {
      shipments: [{ status: 'in_transit' }],
    });
    await app.container.repositories.statusTokens.revokeForOrder(order.id, new Date());
    const cookie = 'pl_csrf=abcdefghijklmnopqrstuvwx';
    const prefs = await request(app.url).get(`/t/${token}/preferences`).set('Cookie', cookie);
    const page = await request(app.url).get(`/t/${token}`).set('Cookie', cookie);
    expect(prefs.status).toBe(404);
    expect(prefs.text).toBe(page.text);
  });
});
