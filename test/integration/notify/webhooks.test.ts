import { generateKeyPairSync, sign } from 'node:crypto';
import request from 'supertest';
import twilio from 'twilio';
import { SuppressionModel } from '../../../src/db/models';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import { planIntents } from '../../../src/notify/domain/plan-intents';
import type { Notification } from '../../../src/notify/notification';
import { unsubscribeToken } from '../../../src/notify/unsubscribe-link';
import { defaultGuestPreferences, type Order } from '../../../src/orders/order';
import type { Milestone } from '../../../src/tracking/domain/taxonomy';
import { startTestApp } from '../../support/test-app';

const authToken = 'twilio-auth-token-for-tests';
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const sendgridKey = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const base = 'http://localhost:0';

describe('provider webhooks and one-click unsubscribe', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let merchant: Merchant;
  let order: Order;
  let shipmentId: string;
  const phone = '+12025550188';

  beforeAll(async () => {
    app = await startTestApp({
      env: { TWILIO_AUTH_TOKEN: authToken, SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKey },
    });
    const { merchants, orders, shipments } = app.container.repositories;
    merchant = await merchants.create('hooks', {
      name: 'Hook & Co',
      branding: {
        displayName: 'Hook & Co',
        primaryColor: '#224466',
        supportEmail: 'help@hook.example',
      },
      senders: { email: {}, sms: {} },
      // No quiet hours, so the tests do not depend on the time of day they run at.
      preferences: { ...defaultMerchantPreferences(), quietHours: { sms: null, email: null } },
    });
    order = (
      await orders.upsert({
        merchantId: merchant.id,
        externalId: 'h1',
        orderNumber: 'H1',
        guest: {
          email: 'hooked@example.com',
          phone,
          timezone: 'America/New_York',
          consent: { email: { granted: true }, sms: { granted: true } },
          preferences: defaultGuestPreferences,
        },
        destination: { city: 'Boston', country: 'US' },
        items: [{ name: 'Kettle', quantity: 1 }],
      })
    ).order;
    shipmentId = (
      await shipments.ensure({
        merchantId: merchant.id,
        orderId: order.id,
        carrier: 'simulated',
        trackingNumber: 'SIM9HAPPY',
        nextPollAt: null,
      })
    ).id;
  });
  afterAll(() => app.stop());

  async function notify(m: Milestone): Promise<Notification[]> {
    const { repositories, notify: n, clock } = app.container;
    await repositories.notifications.addIntents(
      planIntents({
        milestones: [m],
        shipmentId,
        order,
        preferences: merchant.preferences,
        now: clock.now(),
      }),
      clock.now(),
    );
    await n.dispatcher.dispatchDue();
    return (await repositories.notifications.findByOrder(order.id)).filter(
      (x) => x.milestone === m,
    );
  }

  function twilioPost(path: string, params: Record<string, string>, signature?: string) {
    const req = request(app.url).post(path).type('form');
    return (signature === undefined ? req : req.set('X-Twilio-Signature', signature)).send(params);
  }
  const signTwilio = (path: string, params: Record<string, string>) =>
    twilio.getExpectedTwilioSignature(authToken, `${base}${path}`, params);

  function sendgridPost(
    events: unknown[],
    options: { timestamp?: number; tamper?: boolean; unsigned?: boolean } = {},
  ) {
    const body = JSON.stringify(events);
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = sign(
      'sha256',
      Buffer.from(timestamp + (options.tamper ? `${body} ` : body)),
      privateKey,
    ).toString('base64');
    const req = request(app.url)
      .post('/webhooks/sendgrid/events')
      .set('Content-Type', 'application/json');
    if (options.unsigned) return req.send(body);
    return req
      .set('X-Twilio-Email-Event-Webhook-Signature', signature)
      .set('X-Twilio-Email-Event-Webhook-Timestamp', timestamp)
      .send(body);
  }

  it('when an inbound STOP is unsigned or forged, then it gets 403 and nothing is suppressed', async () => {
    const params = { From: phone, Body: 'STOP' };
    expect((await twilioPost('/webhooks/twilio/inbound', params)).status).toBe(403);
    const forged = signTwilio('/webhooks/twilio/inbound', { From: phone, Body: 'HELLO' });
    expect((await twilioPost('/webhooks/twilio/inbound', params, forged)).status).toBe(403);
    expect(await SuppressionModel.countDocuments({ channel: 'sms' })).toBe(0);
  });

  it('when the guest texts HELP, then the reply names the merchant and its support contact in TwiML', async () => {
    await notify('out_for_delivery');
    const params = { From: phone, Body: ' help ' };
    const res = await twilioPost(
      '/webhooks/twilio/inbound',
      params,
      signTwilio('/webhooks/twilio/inbound', params),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/xml/);
    expect(res.text).toContain(
      '<Response><Message>Hook &amp; Co order updates. Help: help@hook.example.',
    );
  });

  it('when the guest texts STOP, then the next milestone sends no SMS; START lifts it', async () => {
    const stop = { From: phone, Body: 'Stop' };
    const res = await twilioPost(
      '/webhooks/twilio/inbound',
      stop,
      signTwilio('/webhooks/twilio/inbound', stop),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    const [smsAfterStop] = (await notify('failed_attempt')).filter((n) => n.channel === 'sms');
    expect(smsAfterStop?.state).toBe('skipped');
    expect(smsAfterStop?.history.at(-1)?.reason).toBe('suppressed');
    const start = { From: phone, Body: 'START' };
    await twilioPost(
      '/webhooks/twilio/inbound',
      start,
      signTwilio('/webhooks/twilio/inbound', start),
    );
    expect(await SuppressionModel.countDocuments({ channel: 'sms' })).toBe(0);
  });

  it.each(['REVOKE', 'optout', 'StopAll', 'unsubscribe', 'CANCEL', 'end', 'quit'])(
    'when the guest texts %s on the shared sender, then the number is suppressed for every merchant',
    async (word) => {
      const params = { From: phone, Body: word, To: '+15005550006' };
      await twilioPost(
        '/webhooks/twilio/inbound',
        params,
        signTwilio('/webhooks/twilio/inbound', params),
      );
      expect(await SuppressionModel.countDocuments({ channel: 'sms', merchantId: '' })).toBe(1);
      const start = { From: phone, Body: 'unstop', To: '+15005550006' };
      await twilioPost(
        '/webhooks/twilio/inbound',
        start,
        signTwilio('/webhooks/twilio/inbound', start),
      );
      expect(await SuppressionModel.countDocuments({ channel: 'sms' })).toBe(0);
    },
  );

  it('when the guest texts STOP to a merchant\u2019s own number, then only that merchant stops texting them', async () => {
    const own = await app.container.repositories.merchants.create('own-sender', {
      name: 'Own Sender',
      branding: merchant.branding,
      preferences: merchant.preferences,
      senders: { email: {}, sms: { fromNumber: '+12025550111' } },
    });
    const params = { From: phone, Body: 'STOP', To: '+12025550111' };
    await twilioPost(
      '/webhooks/twilio/inbound',
      params,
      signTwilio('/webhooks/twilio/inbound', params),
    );
    const { suppressions } = app.container.repositories;
    expect((await suppressions.find('sms', phone, own.id))?.reason).toBe('stop');
    expect(await suppressions.find('sms', phone, merchant.id)).toBeNull();
    const yes = { From: phone, Body: 'YES', To: '+12025550111' };
    await twilioPost('/webhooks/twilio/inbound', yes, signTwilio('/webhooks/twilio/inbound', yes));
    expect(await suppressions.find('sms', phone, own.id)).toBeNull();
  });

  it('when Twilio reports delivery, then the notification is delivered and a late "sent" does not undo it', async () => {
    const sms = (await app.container.repositories.notifications.findByOrder(order.id)).find(
      (n) => n.channel === 'sms' && n.state === 'sent',
    );
    const path = `/webhooks/twilio/status?n=${sms?.id}`;
    const delivered = { MessageSid: 'SM42', MessageStatus: 'delivered' };
    expect((await twilioPost(path, delivered, signTwilio(path, delivered))).status).toBe(204);
    const late = { MessageSid: 'SM42', MessageStatus: 'sent' };
    expect((await twilioPost(path, late, signTwilio(path, late))).status).toBe(204);
    const after = await app.container.repositories.notifications.findById(sms!.id);
    expect(after?.state).toBe('delivered');
    expect(after?.providerStatus).toBe('delivered');
    expect((await twilioPost(path, delivered)).status).toBe(403);
  });

  it('when SendGrid events are unsigned, tampered with or stale, then they get 403 and change nothing', async () => {
    const email = (await app.container.repositories.notifications.findByOrder(order.id)).find(
      (n) => n.channel === 'email',
    );
    const events = [
      {
        event: 'delivered',
        sg_event_id: 'ev-1',
        notificationId: email?.id,
        timestamp: Math.floor(Date.now() / 1000),
      },
    ];
    expect((await sendgridPost(events, { unsigned: true })).status).toBe(403);
    expect((await sendgridPost(events, { tamper: true })).status).toBe(403);
    expect(
      (await sendgridPost(events, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status,
    ).toBe(403);
    expect((await app.container.repositories.notifications.findById(email!.id))?.state).toBe(
      'sent',
    );
  });

  it('when a signed SendGrid event arrives twice, then it is applied once', async () => {
    const email = (await app.container.repositories.notifications.findByOrder(order.id)).find(
      (n) => n.channel === 'email',
    );
    const events = [
      {
        event: 'delivered',
        sg_event_id: 'ev-2',
        notificationId: email?.id,
        timestamp: Math.floor(Date.now() / 1000),
      },
      {
        event: 'open',
        sg_event_id: 'ev-3',
        notificationId: email?.id,
        timestamp: Math.floor(Date.now() / 1000),
      },
    ];
    expect((await sendgridPost(events)).body).toEqual({ received: 2, applied: 2 });
    expect((await sendgridPost(events)).body).toEqual({ received: 2, applied: 0 });
    const after = await app.container.repositories.notifications.findById(email!.id);
    expect(after?.state).toBe('delivered');
    expect(after?.openedAt).toBeInstanceOf(Date);
  });

  it('when the unsubscribe link is fetched, then nothing changes; when it is posted, then no more email for this merchant', async () => {
    const email = (await app.container.repositories.notifications.findByOrder(order.id)).find(
      (n) => n.channel === 'email',
    );
    const token = unsubscribeToken(email!.id, app.container.config.security.tokenSecret);
    const page = await request(app.url).get(`/u/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      'Stop receiving email updates about your orders from Hook &amp; Co?',
    );
    expect(page.headers['cache-control']).toBe('no-store');
    const tampered = await request(app.url).get(`/u/${token.slice(0, -2)}xx`);
    expect(tampered.status).toBe(404);
    expect(tampered.text).toContain('This unsubscribe link is not valid.');
    expect(await SuppressionModel.countDocuments({ channel: 'email' })).toBe(0);

    expect(
      (
        await request(app.url)
          .post(`/u/${token.slice(0, -2)}xx`)
          .type('form')
          .send('List-Unsubscribe=One-Click')
      ).status,
    ).toBe(404);
    const done = await request(app.url)
      .post(`/u/${token}`)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(done.status).toBe(200);
    expect(
      await SuppressionModel.countDocuments({ channel: 'email', merchantId: merchant.id }),
    ).toBe(1);
    const [next] = (await notify('delivered')).filter((n) => n.channel === 'email');
    expect(next?.state).toBe('skipped');
    expect(next?.history.at(-1)).toMatchObject({ reason: 'suppressed', detail: 'unsubscribe' });
  });
});
