import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { startTestApp } from '../../support/test-app';

describe('merchant API limits and order confirmation', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp({ env: { API_REQUESTS_PER_MINUTE: '3' } });
  });
  afterAll(() => app.stop());

  async function keyFor(slug: string, sendOrderConfirmation = false): Promise<string> {
    const merchant = await app.container.repositories.merchants.create(slug, {
      name: slug,
      branding: { displayName: slug, primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: { ...defaultMerchantPreferences(), sendOrderConfirmation },
    });
    const { secret } = await app.container.repositories.apiKeys.issue(merchant.id);
    return secret;
  }

  it('when a key exceeds its requests per minute, then it gets 429 with Retry-After, and other keys are unaffected', async () => {
    const busy = await keyFor('busy');
    const calm = await keyFor('calm');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await request(app.url).get('/api/v1/preferences').set('Authorization', `Bearer ${busy}`))
          .status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await request(app.url)
      .get('/api/v1/preferences')
      .set('Authorization', `Bearer ${busy}`);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      (await request(app.url).get('/api/v1/preferences').set('Authorization', `Bearer ${calm}`))
        .status,
    ).toBe(200);
  });

  it('when the merchant asks for order confirmations, then a new order queues one per reachable channel, once', async () => {
    const key = await keyFor('confirming', true);
    const body = {
      externalId: 'conf-1',
      orderNumber: 'C1',
      guest: {
        email: 'conf@example.com',
        phone: '+12025550111',
        consent: { sms: { granted: true } },
      },
      shipments: [{ trackingNumber: 'SIM77HAPPY' }],
    };
    const created = await request(app.url)
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${key}`)
      .send(body);
    expect(created.status).toBe(201);
    await request(app.url).post('/api/v1/orders').set('Authorization', `Bearer ${key}`).send(body);
    const intents = await app.container.repositories.notifications.findByOrder(
      created.body.order.id,
    );
    expect(intents.map((n) => `${n.milestone}:${n.channel}`).sort()).toEqual([
      'order_confirmation:email',
      'order_confirmation:sms',
    ]);
  });
});
