import request from 'supertest';
import { NotificationModel, ShipmentModel, StatusTokenModel } from '../../../src/db/models';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { defaultGuestPreferences } from '../../../src/orders/order';
import { signPushBody } from '../../../src/tracking/push/push-signature';
import { startTestApp } from '../../support/test-app';

const secret = 'push-secret-for-tests-0123456789';
const trackingNumber = 'SIM77HAPPY';
const hour = 3_600_000;
/** An ISO time `hoursAgo` before now, written with a -05:00 offset as a US carrier would. */
function localIso(hoursAgo: number): string {
  const shifted = new Date(Date.now() - hoursAgo * hour - 5 * hour);
  return `${shifted.toISOString().slice(0, 19)}-05:00`;
}

function update(status: string, at: string) {
  return {
    updates: [
      {
        trackingNumber,
        status,
        events: [
          {
            id: 'e1',
            status: 'in_transit',
            rawCode: 'IT',
            rawText: 'Departed',
            occurredAt: localIso(20),
          },
          {
            id: `e-${status}`,
            status,
            rawCode: status.toUpperCase(),
            rawText: status,
            occurredAt: at,
          },
        ],
      },
    ],
  };
}

describe('pushed carrier updates', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let shipmentId: string;
  let orderId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { CARRIER_WEBHOOK_SECRETS: `simulated=${secret}` } });
    const { merchants, orders, shipments, statusTokens } = app.container.repositories;
    const merchant = await merchants.create('push-shop', {
      name: 'Push shop',
      branding: { displayName: 'Push shop', primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    const { order } = await orders.upsert({
      merchantId: merchant.id,
      externalId: 'push-1',
      orderNumber: 'P1',
      guest: {
        email: 'guest@example.com',
        consent: { email: { granted: true }, sms: { granted: false } },
        preferences: defaultGuestPreferences,
      },
      destination: { city: 'Boston', country: 'US' },
      items: [{ name: 'Lamp', quantity: 1 }],
    });
    orderId = order.id;
    await statusTokens.create({ tokenHash: 'push-token-hash', merchantId: merchant.id, orderId });
    const shipment = await shipments.ensure({
      merchantId: merchant.id,
      orderId,
      carrier: 'simulated',
      trackingNumber,
      nextPollAt: null,
    });
    shipmentId = shipment.id;
  });

  afterAll(() => app.stop());

  function post(body: string, signature?: string) {
    const req = request(app.url)
      .post('/webhooks/carriers/simulated')
      .set('Content-Type', 'application/json');
    return (signature === undefined ? req : req.set('X-Porchlight-Signature', signature)).send(
      body,
    );
  }

  it('when the signature is missing, then it answers 403 and nothing changes', async () => {
    const body = JSON.stringify(update('out_for_delivery', localIso(3)));
    const res = await post(body);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await ShipmentModel.findById(shipmentId).lean())?.status).toBe('pending');
    expect(await NotificationModel.countDocuments({ orderId })).toBe(0);
  });

  it('when the body was tampered with after signing, then it answers 403 and nothing changes', async () => {
    const signed = JSON.stringify(update('in_transit', localIso(3)));
    const forged = JSON.stringify(update('delivered', localIso(3)));
    const res = await post(forged, signPushBody(secret, signed));
    expect(res.status).toBe(403);
    expect((await ShipmentModel.findById(shipmentId).lean())?.status).toBe('pending');
  });

  it('when signed with another secret, then it answers 403', async () => {
    const body = JSON.stringify(update('delivered', localIso(3)));
    expect((await post(body, signPushBody('not-the-secret', body))).status).toBe(403);
  });

  it('when a signed update arrives, then the shipment moves and the milestone reaches the outbox at once, once', async () => {
    const body = JSON.stringify(update('out_for_delivery', localIso(3)));
    const res = await post(body, signPushBody(secret, body));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matched: 1, unmatched: 0, busy: 0 });
    const shipment = await ShipmentModel.findById(shipmentId).lean();
    expect(shipment?.status).toBe('out_for_delivery');
    expect(shipment?.events.map((e) => e.id)).toEqual(['e1', 'e-out_for_delivery']);
    expect(shipment?.events[1]?.utcOffsetMinutes).toBe(-300);
    const intents = await NotificationModel.find({ orderId }).lean();
    expect(intents.map((n) => `${n.milestone}:${n.channel}`).sort()).toEqual([
      'out_for_delivery:email',
    ]);

    const again = await post(body, signPushBody(secret, body));
    expect(again.status).toBe(200);
    expect(await NotificationModel.countDocuments({ orderId })).toBe(1);
  });

  it('when the pushed update says delivered, then the status links start counting down to expiry', async () => {
    const body = JSON.stringify(update('delivered', localIso(1)));
    expect((await post(body, signPushBody(secret, body))).status).toBe(200);
    expect((await ShipmentModel.findById(shipmentId).lean())?.status).toBe('delivered');
    const token = await StatusTokenModel.findOne({ orderId }).lean();
    expect(token?.expiresAt).toBeInstanceOf(Date);
    expect(token!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 80 * 24 * 3_600_000);
  });

  it('when the number belongs to no shipment, then it is acknowledged as unmatched', async () => {
    const body = JSON.stringify({
      ...update('in_transit', localIso(2)),
      updates: [{ ...update('in_transit', localIso(2)).updates[0], trackingNumber: 'SIM1NOFND' }],
    });
    const res = await post(body, signPushBody(secret, body));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matched: 0, unmatched: 1 });
  });
});
