import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { StoreConnectionModel } from '../../../src/db/models';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { startTestApp } from '../../support/test-app';
import { fixtureText, shopifyHeaders } from './store-signing';

const secret = 'shpss_0123456789abcdef0123456789abcdef';

describe('store connections API', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  let otherKey: string;

  async function merchantWithKey(slug: string): Promise<string> {
    const merchant = await app.container.repositories.merchants.create(slug, {
      name: slug,
      branding: { displayName: slug, primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    return (await app.container.repositories.apiKeys.issue(merchant.id)).secret;
  }
  const api = (method: 'get' | 'post' | 'delete', path: string, as = key) =>
    request(app.url)[method](`/api/v1${path}`).set('Authorization', `Bearer ${as}`);

  beforeAll(async () => {
    app = await startTestApp({ env: { API_REQUESTS_PER_MINUTE: '1000' } });
    key = await merchantWithKey('conn-a');
    otherKey = await merchantWithKey('conn-b');
  });
  afterAll(() => app.stop());

  it('when a Shopify shop is connected, then the answer has the webhook URL and topics, and the secret is never returned nor stored in clear', async () => {
    const res = await api('post', '/integrations').send({
      platform: 'shopify',
      shopDomain: 'Juniper.myshopify.com',
      webhookSecret: secret,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      platform: 'shopify',
      shopDomain: 'juniper.myshopify.com',
      storeUrl: null,
      webhookUrls: ['http://localhost:0/integrations/shopify/webhooks'],
      topics: expect.arrayContaining(['orders/create', 'fulfillments/create', 'shop/redact']),
    });
    expect(JSON.stringify(res.body)).not.toContain(secret);
    const listed = await api('get', '/integrations');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const stored = await StoreConnectionModel.findById(res.body.id).lean();
    expect(stored?.sealedSecret).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('when a WooCommerce store is connected, then its webhook URL names the connection', async () => {
    const res = await api('post', '/integrations').send({
      platform: 'woocommerce',
      storeUrl: 'https://Shop.Example/',
      webhookSecret: 'woo-secret-0123456789',
    });
    expect(res.status).toBe(201);
    expect(res.body.storeUrl).toBe('https://shop.example');
    expect(res.body.webhookUrls).toEqual([
      `http://localhost:0/integrations/woocommerce/webhooks/${res.body.id}`,
    ]);
  });

  it.each([
    [
      { platform: 'shopify', shopDomain: 'juniper.example.com', webhookSecret: secret },
      'shopDomain',
    ],
    [
      { platform: 'shopify', shopDomain: 'x.myshopify.com', webhookSecret: 'short' },
      'webhookSecret',
    ],
    [{ platform: 'woocommerce', storeUrl: 'ftp://x', webhookSecret: secret }, 'storeUrl'],
    [{ platform: 'magento', webhookSecret: secret }, 'platform'],
    [
      { platform: 'shopify', shopDomain: 'x.myshopify.com', webhookSecret: secret, extra: 1 },
      'extra',
    ],
  ])('when the input is wrong (%j), then 422 names the field', async (body, field) => {
    const res = await api('post', '/integrations').send(body);
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('when another merchant connects the same shop, then 409; the owner reconnecting replaces the secret', async () => {
    const body = { platform: 'shopify', shopDomain: 'shared.myshopify.com', webhookSecret: secret };
    expect((await api('post', '/integrations').send(body)).status).toBe(201);
    const other = await api('post', '/integrations', otherKey).send(body);
    expect(other.status).toBe(409);
    const again = await api('post', '/integrations').send({
      ...body,
      webhookSecret: `${secret}-2`,
    });
    expect(again.status).toBe(200);
    // The new secret verifies; the old one no longer does.
    const raw = fixtureText('shopify/shop-redact.json');
    const send = (s: string) =>
      request(app.url)
        .post('/integrations/shopify/webhooks')
        .set(shopifyHeaders(s, raw, 'shop/redact', 'shared.myshopify.com'))
        .send(raw);
    expect((await send(secret)).status).toBe(401);
    expect((await send(`${secret}-2`)).status).toBe(200);
  });

  it('when deliveries are accepted, refused and replayed, then the list shows them as health over 24 hours', async () => {
    const created = await api('post', '/integrations').send({
      platform: 'shopify',
      shopDomain: 'healthy.myshopify.com',
      webhookSecret: secret,
    });
    const raw = fixtureText('shopify/orders-create.json');
    const headers = shopifyHeaders(secret, raw, 'orders/create', 'healthy.myshopify.com', {
      webhookId: 'health-1',
    });
    const post = (h: Record<string, string>) =>
      request(app.url).post('/integrations/shopify/webhooks').set(h).send(raw);
    expect((await post(headers)).status).toBe(200);
    expect((await post(headers)).status).toBe(200);
    expect((await post({ ...headers, 'x-shopify-hmac-sha256': 'Zm9yZ2Vk' })).status).toBe(401);
    const listed = await api('get', '/integrations');
    const mine = listed.body.integrations.find((i: { id: string }) => i.id === created.body.id);
    expect(mine.health).toMatchObject({ accepted: 1, duplicate: 1, rejected: 1 });
    expect(mine.health.lastEventAt).not.toBeNull();
    expect(mine.health.lastError.message).toMatch(/signature/);

    const doc = (await request(app.url).get('/api/v1/openapi.json')).body;
    await SwaggerParser.validate(structuredClone(doc));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const schema = (p: string, m: string, s: string) =>
      doc.paths[p][m].responses[s].content['application/json'].schema;
    expect(ajv.validate(schema('/integrations', 'get', '200'), listed.body)).toBe(true);
    expect(ajv.validate(schema('/integrations', 'post', '201'), created.body)).toBe(true);
  });

  it('when a store is disconnected, then it is gone from the list and its webhooks are refused', async () => {
    const created = await api('post', '/integrations').send({
      platform: 'shopify',
      shopDomain: 'leaving.myshopify.com',
      webhookSecret: secret,
    });
    expect((await api('delete', `/integrations/${created.body.id}`, otherKey)).status).toBe(404);
    expect((await api('delete', `/integrations/${created.body.id}`)).status).toBe(204);
    const ids = (await api('get', '/integrations')).body.integrations.map(
      (i: { id: string }) => i.id,
    );
    expect(ids).not.toContain(created.body.id);
    const raw = fixtureText('shopify/shop-redact.json');
    const res = await request(app.url)
      .post('/integrations/shopify/webhooks')
      .set(shopifyHeaders(secret, raw, 'shop/redact', 'leaving.myshopify.com'))
      .send(raw);
    expect(res.status).toBe(401);
  });
});
