import request from 'supertest';
import { hashStatusToken } from '../../../src/orders/status-token';
import { ManualClock } from '../../../src/shared/clock';
import { startTestApp } from '../../support/test-app';
import { formSession } from './guest-forms';
import { seedOrder } from './guest-fixtures';

type App = Awaited<ReturnType<typeof startTestApp>>;

function lookup(
  app: App,
  session: { cookie: string; csrf: string },
  fields: Record<string, string>,
) {
  return request(app.url)
    .post('/track')
    .set('Cookie', session.cookie)
    .type('form')
    .send({ _csrf: session.csrf, ...fields });
}

describe('order lookup without the link', () => {
  const clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({
      env: { LOOKUP_CLIENT_LIMIT: '1000', LOOKUP_ORDER_LIMIT: '1000' },
      overrides: { clock },
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when /track is opened, then it shows the form with a CSRF field and strict headers', async () => {
    const res = await request(app.url).get('/track');
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="orderNumber"');
    expect(res.text).toContain('name="_csrf"');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when the order number and email match (any case, spaces around), then it redirects to a new working status link', async () => {
    const { order } = await seedOrder(app.container, {
      orderNumber: 'LK-100',
      shipments: [{ status: 'in_transit' }],
    });
    const session = await formSession(app.url, '/track');
    const res = await lookup(app, session, {
      orderNumber: ' LK-100 ',
      email: '  Grace.HOPPER@Example.com ',
    });
    expect(res.status).toBe(303);
    const location = String(res.headers.location);
    expect(location.startsWith(`${app.container.config.http.publicBaseUrl}/t/`)).toBe(true);
    const token = location.split('/t/')[1]!;
    const record = await app.container.repositories.statusTokens.findUsable(
      hashStatusToken(token, app.container.config.security.tokenSecret),
      clock.now(),
    );
    expect(record?.orderId).toBe(order.id);
    const page = await request(app.url).get(`/t/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Order LK-100');
  });

  it('when the order number and postal code match, then it redirects to a status link', async () => {
    await seedOrder(app.container, { orderNumber: 'LK-200', shipments: [{ status: 'pending' }] });
    const session = await formSession(app.url, '/track');
    const res = await lookup(app, session, { orderNumber: 'LK-200', postalCode: ' 60601 ' });
    expect(res.status).toBe(303);
  });

  it('when the details are wrong, then an existing and a non-existing order get byte-identical answers', async () => {
    await seedOrder(app.container, { orderNumber: 'LK-300', shipments: [{ status: 'pending' }] });
    const session = await formSession(app.url, '/track');
    const existing = await lookup(app, session, {
      orderNumber: 'LK-300',
      email: 'someone.else@example.com',
    });
    const again = await lookup(app, session, {
      orderNumber: 'LK-300',
      email: 'someone.else@example.com',
    });
    const nowhere = await lookup(app, session, {
      orderNumber: 'NOPE-1',
      email: 'someone.else@example.com',
    });
    expect(existing.status).toBe(200);
    expect(nowhere.status).toBe(existing.status);
    expect(existing.text).toContain('We could not find an order with those details');
    expect(again.text).toBe(existing.text);
    expect(nowhere.text.replace('NOPE-1', 'LK-300')).toBe(existing.text);
    expect(nowhere.headers['set-cookie']).toEqual(existing.headers['set-cookie']);
  });

  it('when the order is finished and its links have expired, then a lookup answers like a miss', async () => {
    const { order } = await seedOrder(app.container, {
      orderNumber: 'LK-400',
      shipments: [{ status: 'delivered', extra: { finalAt: new Date('2025-01-01T00:00:00Z') } }],
    });
    expect(order.id).toBeDefined();
    const session = await formSession(app.url, '/track');
    const res = await lookup(app, session, { orderNumber: 'LK-400', postalCode: '60601' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('We could not find an order with those details');
  });

  it('when the CSRF field or cookie is missing or forged, then nothing is looked up and the form asks again', async () => {
    await seedOrder(app.container, { orderNumber: 'LK-500', shipments: [{ status: 'pending' }] });
    const session = await formSession(app.url, '/track');
    const noCookie = await request(app.url)
      .post('/track')
      .type('form')
      .send({ _csrf: session.csrf, orderNumber: 'LK-500', postalCode: '60601' });
    expect(noCookie.status).toBe(403);
    const forged = await lookup(
      app,
      { cookie: session.cookie, csrf: 'x'.repeat(43) },
      { orderNumber: 'LK-500', postalCode: '60601' },
    );
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('This form expired');
  });
});

describe('order lookup rate limits', () => {
  const quarter = 15 * 60_000;
  // A quarter-hour boundary after the real time, so no window document is past its TTL.
  const windowStart = Math.ceil(Date.now() / quarter) * quarter + quarter;

  it('when someone fails six times on an order number, then the real guest’s email lookup still works, and only failures get 429 until the window ends', async () => {
    const clock = new ManualClock(new Date(windowStart + 5 * 60_000));
    const app = await startTestApp({
      env: { LOOKUP_CLIENT_LIMIT: '1000', LOOKUP_ORDER_LIMIT: '6', TRUST_PROXY: '2' },
      overrides: { clock },
    });
    try {
      await seedOrder(app.container, { orderNumber: 'LOCK-1', shipments: [{ status: 'pending' }] });
      const session = await formSession(app.url, '/track');
      const from = (address: string, fields: Record<string, string>) =>
        lookup(app, session, fields).set('X-Forwarded-For', address);
      for (let i = 0; i < 6; i++)
        expect(
          (await from('198.51.100.1', { orderNumber: 'LOCK-1', email: `guess${i}@example.com` }))
            .status,
        ).toBe(200);
      const refused = await from('198.51.100.1', { orderNumber: 'LOCK-1', email: 'x@example.com' });
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('600');
      expect(
        (await from('198.51.100.2', { orderNumber: 'LOCK-1', postalCode: '00000' })).status,
      ).toBe(429);

      const guest = await from('203.0.113.5', {
        orderNumber: 'LOCK-1',
        email: 'grace.hopper@example.com',
      });
      expect(guest.status).toBe(303);
      expect(guest.headers.location).toMatch(/\/t\//);
      // The guest's own address, on the same order, after the attacker's tries.
      expect(
        (await from('198.51.100.1', { orderNumber: 'LOCK-1', email: 'Grace.Hopper@example.com' }))
          .status,
      ).toBe(303);
    } finally {
      await app.stop();
    }
  });

  it('when a shared address failed too often, then a correct email lookup from it still works', async () => {
    const app = await startTestApp({
      env: { LOOKUP_CLIENT_LIMIT: '2', LOOKUP_ORDER_LIMIT: '1000' },
    });
    try {
      await seedOrder(app.container, {
        orderNumber: 'OFFICE-1',
        shipments: [{ status: 'pending' }],
      });
      const session = await formSession(app.url, '/track');
      for (let i = 0; i < 2; i++)
        await lookup(app, session, { orderNumber: `NOPE-${i}`, email: 'a@b.example' });
      expect(
        (await lookup(app, session, { orderNumber: 'NOPE-9', email: 'a@b.example' })).status,
      ).toBe(429);
      expect(
        (
          await lookup(app, session, {
            orderNumber: 'OFFICE-1',
            email: 'grace.hopper@example.com',
          })
        ).status,
      ).toBe(303);
    } finally {
      await app.stop();
    }
  });

  it('when one client keeps failing, then it gets 429', async () => {
    const app = await startTestApp({
      env: { LOOKUP_CLIENT_LIMIT: '3', LOOKUP_ORDER_LIMIT: '1000' },
    });
    try {
      const session = await formSession(app.url, '/track');
      for (let i = 0; i < 3; i++)
        expect(
          (await lookup(app, session, { orderNumber: `X-${i}`, email: 'a@b.example' })).status,
        ).toBe(200);
      const limited = await lookup(app, session, { orderNumber: 'X-9', email: 'a@b.example' });
      expect(limited.status).toBe(429);
      expect(limited.text).toContain('Too many attempts');
    } finally {
      await app.stop();
    }
  });

  it('when one order number is tried too often, then further tries for it get 429 while other orders still work', async () => {
    const app = await startTestApp({
      env: { LOOKUP_CLIENT_LIMIT: '1000', LOOKUP_ORDER_LIMIT: '2' },
    });
    try {
      await seedOrder(app.container, { orderNumber: 'RL-1', shipments: [{ status: 'pending' }] });
      await seedOrder(app.container, { orderNumber: 'RL-2', shipments: [{ status: 'pending' }] });
      const session = await formSession(app.url, '/track');
      for (let i = 0; i < 2; i++)
        expect(
          (await lookup(app, session, { orderNumber: 'RL-1', postalCode: `0000${i}` })).status,
        ).toBe(200);
      expect(
        (await lookup(app, session, { orderNumber: 'rl-1 ', postalCode: '60601' })).status,
      ).toBe(429);
      expect(
        (await lookup(app, session, { orderNumber: 'RL-2', postalCode: '60601' })).status,
      ).toBe(303);
    } finally {
      await app.stop();
    }
  });
});
