import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { startTestApp } from '../../support/test-app';

type Operation = {
  parameters?: Array<{ name: string; in: string; required: boolean; schema: object }>;
  requestBody?: { content: { 'application/json': { schema: object } } };
  responses: Record<string, { headers?: Record<string, unknown> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document says what the server enforces', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  let doc: Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
    request(app.url)[method](`/api/v1${path}`).set('Authorization', `Bearer ${key}`);
  const op = (path: string, method: string) => doc.paths[path]?.[method] as Operation;
  const bodySchema = (path: string, method: string) =>
    op(path, method).requestBody?.content['application/json'].schema as object;

  beforeAll(async () => {
    app = await startTestApp();
    const merchant = await app.container.repositories.merchants.create('contract', {
      name: 'contract',
      branding: { displayName: 'contract', primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    key = (await app.container.repositories.apiKeys.issue(merchant.id)).secret;
    doc = (await request(app.url).get('/api/v1/openapi.json')).body as Doc;
  });
  afterAll(() => app.stop());

  it('when an order was erased, then changing it answers 409 on every operation documenting 409', async () => {
    const body = {
      externalId: 'erased-1',
      orderNumber: 'E1',
      guest: { email: 'e1@example.com' },
      shipments: [{ trackingNumber: 'SIM9101HAPPY' }],
    };
    const id = (await api('post', '/orders').send(body)).body.order.id as string;
    expect((await api('delete', `/orders/${id}`)).status).toBe(204);

    const answers = {
      'post /orders': (await api('post', '/orders').send(body)).status,
      'post /orders/{id}/shipments': (
        await api('post', `/orders/${id}/shipments`).send({ trackingNumber: 'SIM9102HAPPY' })
      ).status,
      'post /orders/{id}/status-link': (await api('post', `/orders/${id}/status-link`)).status,
    };
    expect(answers).toEqual({
      'post /orders': 409,
      'post /orders/{id}/shipments': 409,
      'post /orders/{id}/status-link': 409,
    });
    // Connecting a shop another account holds is a different conflict (store integrations).
    const documenting409 = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/orders'))
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, o]) => o.responses['409'])
          .map(([method]) => `${method} ${path}`),
      );
    expect(documenting409.sort()).toEqual(Object.keys(answers).sort());
  });

  it('when a body is larger than 1 MB, then the answer is 413, documented on every operation that takes a body', async () => {
    const huge = { externalId: 'x'.repeat(1_100_000) };
    const res = await api('post', '/orders').send(huge);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    for (const ops of Object.values(doc.paths))
      for (const o of Object.values(ops))
        expect(Boolean(o.responses['413'])).toBe(Boolean(o.requestBody));
  });

  it('when a body is empty, then it is malformed JSON (400), not an empty change', async () => {
    const res = await api('patch', '/preferences').set('Content-Type', 'application/json').send('');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('when stats are asked for without a range, then both ends are optional in the document and default to the last 30 days', async () => {
    const params = op('/stats', 'get').parameters ?? [];
    expect(params.map((p) => [p.name, p.required])).toEqual([
      ['from', false],
      ['to', false],
    ]);
    const res = await api('get', '/stats');
    expect(res.status).toBe(200);
    const span = Date.parse(res.body.to) - Date.parse(res.body.from);
    expect(span).toBe(30 * 86_400_000);
    expect(Math.abs(Date.parse(res.body.to) - app.container.clock.now().getTime())).toBeLessThan(
      60_000,
    );
    const onlyFrom = await api('get', '/stats?from=2026-01-01T00:00:00Z');
    expect(onlyFrom.status).toBe(200);
    expect(onlyFrom.body.from).toBe('2026-01-01T00:00:00.000Z');
  });

  it('when a webhook URL is not https, then the document and the server both refuse it', async () => {
    const schema = bodySchema('/webhooks', 'post');
    for (const url of ['http://hooks.example.com/x', 'ftp://hooks.example.com/x', ' https://a.b']) {
      expect(ajv.validate(schema, { url })).toBe(false);
      const res = await api('post', '/webhooks').send({ url });
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].field).toBe('url');
    }
    expect(ajv.validate(schema, { url: 'https://hooks.example.com/x' })).toBe(true);
  });

  it('when a time zone is not an IANA name, then the document and the server both refuse it', async () => {
    const schema = bodySchema('/preferences', 'patch');
    for (const timezone of ['Not A Zone', '+05:00', 'Europe/Paris; drop']) {
      expect(ajv.validate(schema, { preferences: { timezone } })).toBe(false);
      const res = await api('patch', '/preferences').send({ preferences: { timezone } });
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].field).toBe('preferences.timezone');
    }
    for (const timezone of ['Europe/Paris', 'UTC', 'Etc/GMT+5', 'America/Argentina/Buenos_Aires']) {
      expect(ajv.validate(schema, { preferences: { timezone } })).toBe(true);
      expect((await api('patch', '/preferences').send({ preferences: { timezone } })).status).toBe(
        200,
      );
    }
  });

  it('when an operation may be rate limited, then its 429 documents Retry-After', () => {
    for (const ops of Object.values(doc.paths))
      for (const o of Object.values(ops))
        expect(o.responses['429']?.headers).toHaveProperty('Retry-After');
  });
});
