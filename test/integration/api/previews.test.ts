import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { startTestApp } from '../../support/test-app';

describe('message previews', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  let otherKey: string;

  async function merchantWithKey(slug: string, displayName: string): Promise<string> {
    const merchant = await app.container.repositories.merchants.create(slug, {
      name: slug,
      branding: {
        displayName,
        primaryColor: '#2f6b4f',
        supportEmail: `help@${slug}.example`,
      },
      senders: { email: {}, sms: {} },
      preferences: { ...defaultMerchantPreferences(), defaultLocale: 'fr' },
    });
    return (await app.container.repositories.apiKeys.issue(merchant.id)).secret;
  }

  const get = (path: string, as = key) =>
    request(app.url).get(`/api/v1${path}`).set('Authorization', `Bearer ${as}`);

  beforeAll(async () => {
    app = await startTestApp({ env: { API_REQUESTS_PER_MINUTE: '1000' } });
    key = await merchantWithKey('preview-shop', 'Juniper & Pine');
    otherKey = await merchantWithKey('other-shop', 'Other');
  });
  afterAll(() => app.stop());

  it('when an email preview is asked for as JSON, then it has subject, html and text in the chosen language', async () => {
    const res = await get('/previews/email/delivered?locale=en');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ channel: 'email', milestone: 'delivered', locale: 'en' });
    expect(res.body.subject).toBe('Delivered: order 1001');
    expect(res.body.html).toContain('Juniper &amp; Pine');
    expect(res.body.html).toContain('1 of 2 parcels delivered');
    expect(res.body.text).toContain('Hi Alex,');
  });

  it('when no language is given, then the merchant\u2019s default language is used', async () => {
    const res = await get('/previews/email/shipped');
    expect(res.body.locale).toBe('fr');
    expect(res.body.subject).toBe('Votre commande 1001 a été expédiée');
  });

  it('when an email preview is asked for as HTML, then the email itself is served in a sandbox', async () => {
    const res = await get('/previews/email/exception?locale=de').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/sandbox/);
    expect(res.text).toMatch(/^<!doctype html>/);
    expect(res.text).toContain('Was passiert ist');
  });

  it('when an SMS preview is asked for, then it has the body, encoding and segment count', async () => {
    const res = await get('/previews/sms/out_for_delivery?locale=en');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ channel: 'sms', encoding: 'GSM-7' });
    expect(res.body.body).toMatch(/^Juniper & Pine: order 1001 is out for delivery today/);
    expect(res.body.segments).toBeLessThanOrEqual(2);
    expect(res.body.units).toBe(res.body.body.length);
  });

  it('when a real order is named, then it is rendered; another merchant\u2019s order is not found', async () => {
    const created = await request(app.url)
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${key}`)
      .send({
        externalId: 'p-1',
        orderNumber: 'A-777',
        guest: { email: 'g@example.com', name: 'Grace Hopper' },
        items: [{ name: 'Compass', quantity: 1 }],
        shipments: [{ trackingNumber: 'SIM5002HAPPY' }],
      });
    expect(created.status).toBe(201);
    const id = created.body.order.id as string;
    const res = await get(`/previews/email/shipped?locale=en&orderId=${id}`);
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('Your order A-777 has shipped');
    expect(res.body.html).toContain('Compass');
    expect(res.body.html).toContain('Hi Grace,');
    expect((await get(`/previews/email/shipped?orderId=${id}`, otherKey)).status).toBe(404);
  });

  it('when the channel, milestone or language is unknown, then the answer is 422 naming the field', async () => {
    const channel = await get('/previews/fax/shipped');
    expect(channel.status).toBe(422);
    expect(channel.body.error.fields[0].field).toBe('channel');
    const milestone = await get('/previews/email/teleported');
    expect(milestone.body.error.fields[0].field).toBe('milestone');
    const locale = await get('/previews/email/shipped?locale=xx');
    expect(locale.body.error.fields[0].field).toBe('locale');
  });

  it('when the OpenAPI document is read, then it describes the preview endpoint', async () => {
    const doc = (await request(app.url).get('/api/v1/openapi.json')).body;
    const op = doc.paths['/previews/{channel}/{milestone}'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual([
      'channel',
      'milestone',
      'locale',
      'orderId',
    ]);
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/json', 'text/html']);
  });

  it('when the log transport records an email, then the dev outbox shows its headers', async () => {
    const demo = await startTestApp({ env: { DEMO: 'on' } });
    try {
      await demo.container.senders.email.send({
        to: 'guest@example.com',
        from: { email: 'orders@shop.example', name: 'Shop' },
        replyTo: 'help@shop.example',
        subject: 'Your order 1001 has shipped',
        html: '<p>Hi</p>',
        text: 'Hi',
        headers: { 'List-Unsubscribe': '<https://t.example/u/x>' },
        categories: ['porchlight', 'milestone:shipped'],
      });
      const page = await request(demo.url).get('/dev/outbox');
      // Markup between tags may wrap; the header list is compared without it.
      const text = page.text.replace(/>\s+</g, '><');
      expect(text).toContain('<dt>List-Unsubscribe</dt><dd>&lt;https://t.example/u/x&gt;</dd>');
      expect(text).toContain('<dt>Reply-To</dt><dd>help@shop.example</dd>');
      expect(text).toContain('<dt>X-Categories</dt><dd>porchlight, milestone:shipped</dd>');
    } finally {
      await demo.stop();
    }
  });
});
