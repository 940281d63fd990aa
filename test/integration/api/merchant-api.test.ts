import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import mongoose from 'mongoose';
import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { RecordingEmailSender, permanent } from '../../fakes/recording-senders';
import { startTestApp } from '../../support/test-app';

const orderBody = {
  externalId: 'shop-1001',
  orderNumber: '1001',
  guest: {
    email: 'Ada@Example.com',
    phone: '+1 202-555-0143',
    name: 'Ada Lovelace',
    locale: 'en',
    timezone: 'America/New_York',
    consent: {
      email: { granted: true },
      sms: { granted: true, at: '2026-03-01T10:00:00Z', source: 'checkout' },
    },
  },
  destination: { city: 'Brooklyn', region: 'NY', postalCode: '11201', country: 'us' },
  items: [{ name: 'Apron', quantity: 1 }],
  shipments: [{ trackingNumber: 'SIM5001HAPPY' }],
};

describe('merchant API', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  let otherKey: string;
  const email = new RecordingEmailSender();

  async function merchantWithKey(slug: string): Promise<string> {
    const merchant = await app.container.repositories.merchants.create(slug, {
      name: slug,
      branding: { displayName: slug, primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    const { secret } = await app.container.repositories.apiKeys.issue(merchant.id);
    return secret;
  }

  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, as = key) =>
    request(app.url)[method](`/api/v1${path}`).set('Authorization', `Bearer ${as}`);

  beforeAll(async () => {
    // No cache freshness window, so a revoked link is refused on the very next request.
    app = await startTestApp({
      env: { API_REQUESTS_PER_MINUTE: '1000', STATUS_CACHE_FRESH_MS: '0' },
      overrides: { senders: { email } },
    });
    key = await merchantWithKey('shop-a');
    otherKey = await merchantWithKey('shop-b');
  });
  afterAll(() => app.stop());

  it('when the key is missing, unknown or revoked, then the API answers 401', async () => {
    expect((await request(app.url).get('/api/v1/preferences')).status).toBe(401);
    expect((await api('get', '/preferences', 'pl_live_nope')).status).toBe(401);
    const created = await api('post', '/api-keys');
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^pl_live_/);
    expect((await api('get', '/preferences', created.body.key)).status).toBe(200);
    expect((await api('delete', `/api-keys/${created.body.id}`)).status).toBe(204);
    const revoked = await api('get', '/preferences', created.body.key);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('unauthorized');
  });

  it('when the same order is posted twice, then there is one order; a changed body updates it', async () => {
    const first = await api('post', '/orders').send(orderBody);
    expect(first.status).toBe(201);
    expect(first.body.statusUrl).toMatch(/^http:\/\/localhost:0\/t\/[\w-]{22}$/);
    expect(first.body.order).toMatchObject({
      externalId: 'shop-1001',
      orderNumber: '1001',
      status: 'pending',
    });
    expect(first.body.order.guest.phone).toBe('+12025550143');
    expect(first.body.order.shipments[0]).toMatchObject({
      carrier: 'simulated',
      trackingNumber: 'SIM5001HAPPY',
    });
    const again = await api('post', '/orders').send(orderBody);
    expect(again.status).toBe(200);
    expect(again.body.statusUrl).toBeNull();
    expect(again.body.order.id).toBe(first.body.order.id);
    const changed = await api('post', '/orders').send({ ...orderBody, orderNumber: '1001-B' });
    expect(changed.body.order.orderNumber).toBe('1001-B');
    expect(
      await mongoose.connection
        .db!.collection('orders')
        .countDocuments({ externalId: 'shop-1001' }),
    ).toBe(1);
    expect((await api('get', `/orders/${first.body.order.id}`)).body.orderNumber).toBe('1001-B');
  });

  it('when another merchant asks for the order, then it is a 404, not a 403', async () => {
    const { body } = await api('post', '/orders').send({ ...orderBody, externalId: 'private' });
    const res = await api('get', `/orders/${body.order.id}`, otherKey);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await api('delete', `/orders/${body.order.id}`, otherKey)).status).toBe(404);
  });

  it.each([
    ['guest.email', { guest: { ...orderBody.guest, email: 'not-an-email' } }],
    ['guest.phone', { guest: { ...orderBody.guest, phone: '12' } }],
    ['guest.timezone', { guest: { ...orderBody.guest, timezone: 'Mars/Olympus' } }],
    ['guest.locale', { guest: { ...orderBody.guest, locale: 'xx' } }],
    ['items.0.quantity', { items: [{ name: 'A', quantity: 0 }] }],
    ['items', { items: Array.from({ length: 501 }, () => ({ name: 'A', quantity: 1 })) }],
    [
      'shipments',
      { shipments: Array.from({ length: 51 }, (_, i) => ({ trackingNumber: `SIM${i}HAPPY` })) },
    ],
    ['shipments.0.trackingNumber', { shipments: [{ trackingNumber: 'NOT-A-FORMAT' }] }],
    ['shipments.0.carrier', { shipments: [{ trackingNumber: 'SIM1HAPPY', carrier: 'pigeon' }] }],
    ['surprise', { surprise: true }],
    ['orderNumber', { orderNumber: '' }],
  ])('when %s is invalid, then the 422 names it', async (field, change) => {
    const res = await api('post', '/orders').send({
      ...orderBody,
      externalId: `bad-${field}`,
      ...change,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('when the body is not JSON, then it is a 400, never a 500', async () => {
    const res = await api('post', '/orders')
      .set('Content-Type', 'application/json')
      .send('{"externalId":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('when preferences are patched, then the change is stored and bad values name their field', async () => {
    const res = await api('patch', '/preferences').send({
      preferences: { quietHours: { sms: { start: '22:00', end: '07:30' }, email: null } },
      branding: { primaryColor: '#2f6b4f' },
    });
    expect(res.status).toBe(200);
    expect(res.body.preferences.quietHours.sms).toEqual({ start: '22:00', end: '07:30' });
    expect((await api('get', '/preferences')).body.branding.primaryColor).toBe('#2f6b4f');
    const bad = await api('patch', '/preferences').send({
      preferences: { quietHours: { sms: { start: '25:00', end: '07:00' }, email: null } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].field).toBe('preferences.quietHours.sms.start');
  });

  it('when only quietHours.sms or one matrix cell is patched, then the rest of each object is kept', async () => {
    const before = (await api('get', '/preferences')).body;
    const res = await api('patch', '/preferences').send({
      preferences: {
        quietHours: { sms: { start: '20:00', end: '09:00' } },
        matrix: { shipped: { sms: true } },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.preferences.quietHours).toEqual({
      sms: { start: '20:00', end: '09:00' },
      email: before.preferences.quietHours.email,
    });
    expect(res.body.preferences.matrix.shipped).toEqual({
      email: before.preferences.matrix.shipped.email,
      sms: true,
    });
    expect(res.body.preferences.matrix.delivered).toEqual(before.preferences.matrix.delivered);
    expect(res.body.branding).toEqual(before.branding);
  });

  it('when the status link is rotated, then the old link stops working and the new one opens the page', async () => {
    const created = await api('post', '/orders').send({ ...orderBody, externalId: 'rotate' });
    const oldUrl = new URL(created.body.statusUrl as string);
    expect((await request(app.url).get(oldUrl.pathname)).status).toBe(200);
    const rotated = await api('post', `/orders/${created.body.order.id}/status-link`);
    expect(rotated.status).toBe(200);
    expect((await request(app.url).get(oldUrl.pathname)).status).toBe(404);
    expect(
      (await request(app.url).get(new URL(rotated.body.statusUrl as string).pathname)).status,
    ).toBe(200);
  });

  it('when the delivery log has more than a page, then cursors walk it without repeats', async () => {
    const created = await api('post', '/orders').send({ ...orderBody, externalId: 'paged' });
    const { repositories, clock } = app.container;
    const order = await repositories.orders.findById(created.body.order.id);
    const intents = ['shipped', 'out_for_delivery', 'delivered', 'exception', 'delayed'].map(
      (m, i) => ({
        idempotencyKey: `paged:${m}`,
        merchantId: order!.merchantId,
        orderId: order!.id,
        shipmentIds: [],
        milestone: m as 'shipped',
        channel: 'email' as const,
        recipient: 'x@example.com',
        template: m,
        locale: 'en',
        notBefore: new Date(clock.now().getTime() + 3_600_000 + i),
      }),
    );
    await repositories.notifications.addIntents(intents, clock.now());
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await api(
        'get',
        `/notifications?orderId=${order!.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.notifications.map((n: { id: string }) => n.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect((await api('get', '/notifications?state=bogus')).body.error.fields[0].field).toBe(
      'state',
    );
  });

  it('when an order is deleted, then no personal data of the guest is left in any collection', async () => {
    const body = {
      ...orderBody,
      externalId: 'erase-me',
      guest: {
        ...orderBody.guest,
        email: 'erase.me@example.com',
        phone: '+1 202-555-0177',
        name: 'Erin Erased',
      },
    };
    const created = await api('post', '/orders').send(body);
    const { repositories, clock } = app.container;
    const order = await repositories.orders.findById(created.body.order.id);
    await repositories.notifications.addIntents(
      [
        {
          idempotencyKey: 'erase:1',
          merchantId: order!.merchantId,
          orderId: order!.id,
          shipmentIds: [],
          milestone: 'shipped',
          channel: 'email',
          recipient: 'erase.me@example.com',
          template: 'shipped',
          locale: 'en',
          notBefore: clock.now(),
        },
      ],
      clock.now(),
    );
    // The provider refuses the address, quoting it: the API shows the error text, and the
    // address is suppressed (stored only as a keyed hash).
    email.failWith.push(permanent('550 5.1.1 <erase.me@example.com> does not exist'));
    await app.container.notify.dispatcher.dispatchDue();
    const [sent] = (await api('get', `/notifications?orderId=${order!.id}`)).body.notifications;
    expect(sent.lastError).toMatch(/550 5\.1\.1/);
    await repositories.suppressions.add({
      channel: 'email',
      address: 'erase.me@example.com',
      merchantId: order!.merchantId,
      reason: 'unsubscribed',
    });
    expect((await api('delete', `/orders/${order!.id}`)).status).toBe(204);
    const db = mongoose.connection.db!;
    for (const { name } of await db.listCollections().toArray()) {
      const dump = JSON.stringify(await db.collection(name).find().toArray());
      expect(dump).not.toMatch(/erase\.me@example\.com|12025550177|Erin Erased/i);
    }
    for (const merchantId of [order!.merchantId, 'another-merchant'])
      expect(
        await repositories.suppressions.find('email', ' Erase.Me@Example.com', merchantId),
      ).not.toBeNull();
    const after = await api('get', `/orders/${order!.id}`);
    expect(after.body).toMatchObject({
      erased: true,
      guest: { email: null, phone: null, name: null },
    });
    expect(after.body.shipments.every((s: { trackingProblem: unknown }) => s !== null)).toBe(true);
  });

  it('when the OpenAPI document is validated, then it is valid 3.1 and real responses match its schemas', async () => {
    const doc = (await request(app.url).get('/api/v1/openapi.json')).body;
    await SwaggerParser.validate(structuredClone(doc));
    expect(doc.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const check = (path: string, method: string, status: string, value: unknown) => {
      const schema = doc.paths[path][method].responses[status].content['application/json'].schema;
      const valid = ajv.validate(schema, value);
      expect(ajv.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    };
    const created = await api('post', '/orders').send({ ...orderBody, externalId: 'contract' });
    check('/orders', 'post', '201', created.body);
    check(
      '/orders/{id}',
      'get',
      '200',
      (await api('get', `/orders/${created.body.order.id}`)).body,
    );
    check('/preferences', 'get', '200', (await api('get', '/preferences')).body);
    check('/notifications', 'get', '200', (await api('get', '/notifications')).body);
    const error = await api('post', '/orders').send({});
    check('/orders', 'post', '422', error.body);
  });

  it('when stats are asked for a range, then counts come by milestone, channel and state with engagement rates', async () => {
    const statsKey = await merchantWithKey('shop-stats');
    const created = await api('post', '/orders', statsKey).send({
      ...orderBody,
      externalId: 'stats',
    });
    const { repositories, clock } = app.container;
    const order = await repositories.orders.findById(created.body.order.id);
    await repositories.notifications.addIntents(
      [
        {
          idempotencyKey: 'stats:1',
          merchantId: order!.merchantId,
          orderId: order!.id,
          shipmentIds: [],
          milestone: 'shipped',
          channel: 'email',
          recipient: 'ada@example.com',
          template: 'shipped',
          locale: 'en',
          notBefore: clock.now(),
        },
      ],
      clock.now(),
    );
    await app.container.notify.dispatcher.dispatchDue();
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const res = await api(
      'get',
      `/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      statsKey,
    );
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual(
      expect.arrayContaining([{ milestone: 'shipped', channel: 'email', state: 'sent', count: 1 }]),
    );
    const email = res.body.channels.find((c: { channel: string }) => c.channel === 'email');
    expect(email).toMatchObject({ sent: 1, delivered: 0, deliveryRate: 0, openRate: 0 });
    const doc = (await request(app.url).get('/api/v1/openapi.json')).body;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    expect(
      ajv.validate(
        doc.paths['/stats'].get.responses['200'].content['application/json'].schema,
        res.body,
      ),
    ).toBe(true);
    const bad = await api(
      'get',
      `/stats?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].field).toBe('to');
  });
});
