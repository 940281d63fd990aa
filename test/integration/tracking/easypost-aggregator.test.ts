import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import request from 'supertest';
import { DevMessageModel, NotificationModel, ShipmentModel } from '../../../src/db/models';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { signEasypostBody } from '../../../src/tracking/carriers/easypost/easypost-carrier';
import { startTestApp } from '../../support/test-app';

const easypost = 'https://api.easypost.test';
const webhookSecret = 'easypost-webhook-secret-0123456789';
const number = 'LX123456789CN'; // China Post: no built-in adapter claims it
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(path.resolve(__dirname, '../../fixtures/carriers/easypost', name), 'utf8'),
  );
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** The documented fixtures, moved to this number and to recent times. */
function tracker(name: string, times: number[]) {
  const t = fixture(name);
  t.tracking_code = number;
  t.carrier = 'ChinaPost';
  t.tracking_details = t.tracking_details.map((d: object, i: number) => ({
    ...d,
    datetime: hoursAgo(times[i] as number),
  }));
  return t;
}

describe('the EasyPost aggregator, polled and pushed', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost|\[::1\]/);
    app = await startTestApp({
      env: {
        EASYPOST_API_KEY: 'EZTKtest',
        EASYPOST_WEBHOOK_SECRET: webhookSecret,
        EASYPOST_API_BASE_URL: easypost,
        NOTIFY_GROUP_WINDOW_SECONDS: '0',
      },
    });
    const merchant = await app.container.repositories.merchants.create('ep-shop', {
      name: 'EP shop',
      branding: { displayName: 'EP shop', primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    const { secret } = await app.container.repositories.apiKeys.issue(merchant.id);
    key = secret;
  });

  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await app.stop();
  });

  it('when a merchant adds a number no carrier claims, then it is tracked through EasyPost, polled and then pushed, notifying once per milestone', async () => {
    const created = await request(app.url)
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${key}`)
      .send({
        externalId: 'ep-1',
        orderNumber: 'EP1',
        guest: { email: 'guest@example.com', consent: { email: { granted: true } } },
        items: [{ name: 'Teapot', quantity: 1 }],
        shipments: [{ trackingNumber: 'lx 1234 5678 9cn' }],
      });
    expect(created.status).toBe(201);
    expect(created.body.order.shipments[0]).toMatchObject({
      carrier: 'easypost',
      trackingNumber: number,
    });

    const createTracker = nock(easypost, {
      reqheaders: { authorization: `Basic ${Buffer.from('EZTKtest:').toString('base64')}` },
    })
      .post('/v2/trackers', { tracker: { tracking_code: number } })
      .reply(201, tracker('tracker-in-transit.json', [30, 20, 2]));
    const polled = await app.container.tracking.poll.pollDue();
    expect(createTracker.isDone()).toBe(true);
    expect(polled).toMatchObject({ claimed: 1, completed: 1 });
    const shipment = await ShipmentModel.findOne({ trackingNumber: number }).lean();
    expect(shipment?.status).toBe('in_transit');
    expect(shipment?.events).toHaveLength(3);
    // The guest and the merchant see the carrier that really carries it, with EasyPost's page.
    const detail = await request(app.url)
      .get(`/api/v1/orders/${created.body.order.id}`)
      .set('Authorization', `Bearer ${key}`);
    expect(detail.body.shipments[0]).toMatchObject({
      carrier: 'easypost',
      handledBy: 'ChinaPost',
      status: 'in_transit',
    });
    const page = await request(app.url).get(`${new URL(created.body.statusUrl).pathname}.json`);
    expect(page.status).toBe(200);
    expect(page.body.shipments[0].carrier).toMatchObject({
      name: 'ChinaPost',
      trackingNumber: number,
      trackingUrl: expect.stringMatching(/^https:\/\/track\.easypost\.com\//),
    });

    const unsigned = await request(app.url)
      .post('/webhooks/carriers/easypost')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ object: 'Event' }));
    expect(unsigned.status).toBe(403);

    const event = fixture('event-tracker-updated.json');
    event.result = tracker('tracker-delivered.json', [1.5, 1, 0.5]);
    const body = JSON.stringify(event);
    const push = () =>
      request(app.url)
        .post('/webhooks/carriers/easypost')
        .set('Content-Type', 'application/json')
        .set('X-Hmac-Signature', signEasypostBody(webhookSecret, body))
        .send(body);
    const pushed = await push();
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ matched: 1, unmatched: 0 });
    const delivered = await ShipmentModel.findOne({ trackingNumber: number }).lean();
    expect(delivered?.status).toBe('delivered');
    expect(delivered?.deliveredTo).toBe('John Tester');
    expect(delivered?.events.length).toBe(6);

    expect((await push()).status).toBe(200); // EasyPost retries: harmless
    const milestones = (await NotificationModel.find({ orderId: created.body.order.id }).lean())
      .map((n) => `${n.milestone}:${n.channel}`)
      .sort();
    expect(milestones.filter((m) => m.startsWith('delivered'))).toEqual(['delivered:email']);
    expect(milestones).toContain('shipped:email');

    // The emails name the carrier that really carries the parcel.
    await app.container.notify.dispatcher.dispatchDue();
    const sent = await DevMessageModel.find({ channel: 'email' }).lean();
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const mail of sent) expect(mail.text).toContain(`ChinaPost ${number}`);
  });
});
