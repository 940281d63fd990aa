import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import type { CarrierAdapter } from '../../../src/tracking/carrier';
import {
  EasyPostCarrier,
  signEasypostBody,
} from '../../../src/tracking/carriers/easypost/easypost-carrier';
import {
  easypostStatusDetails,
  easypostStatuses,
  mapEasypostStatus,
} from '../../../src/tracking/carriers/easypost/easypost-status-map';
import { shipmentStatuses } from '../../../src/tracking/domain/taxonomy';

const raw = (name: string) =>
  readFileSync(path.resolve(__dirname, '../../fixtures/carriers/easypost', name), 'utf8');
const fixture = (name: string) => JSON.parse(raw(name));
const base = 'https://api.easypost.com';
const apiKey = 'EZTKtestkey123';
const secret = 'ep-webhook-secret-0123456789';
const carrier = () => new EasyPostCarrier({ apiKey, webhookSecret: secret, baseUrl: base });

function createTracker(code: string) {
  return nock(base, {
    reqheaders: {
      authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`,
      'content-type': 'application/json',
    },
  }).post('/v2/trackers', { tracker: { tracking_code: code } });
}

describe('EasyPost tracker adapter', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('when a number is polled, then it creates (or gets back) the tracker with the API key and normalizes every detail with its offset', async () => {
    const scope = createTracker('EZ2000000002').reply(201, fixture('tracker-in-transit.json'));
    const [outcome] = await carrier().track(['EZ2000000002']);
    expect(scope.isDone()).toBe(true);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result).toMatchObject({
      trackingNumber: 'EZ2000000002',
      status: 'in_transit',
      eta: { date: '2026-03-06', source: 'easypost' },
      handledBy: {
        name: 'OnTrac',
        trackingUrl: expect.stringMatching(/^https:\/\/track\.easypost\.com\/djE6/),
      },
    });
    expect(
      outcome.result.events.map((e) => [
        e.status,
        e.rawCode,
        e.utcOffsetMinutes,
        e.occurredAt.toISOString(),
      ]),
    ).toEqual([
      ['pending', 'pre_transit/label_created', 0, '2026-03-02T22:02:00.000Z'],
      ['in_transit', 'in_transit/received_at_origin_facility', -480, '2026-03-03T18:15:00.000Z'],
      ['in_transit', 'in_transit/arrived_at_facility', -420, '2026-03-04T10:12:00.000Z'],
    ]);
    expect(outcome.result.events[0]?.location).toBeUndefined(); // all-null location
    expect(outcome.result.events[2]?.location).toEqual({
      city: 'PHOENIX',
      region: 'AZ',
      postalCode: '85043',
      country: 'US',
    });
  });

  it('when the parcel was delivered after a failed attempt, then the attempt, delivery and signer come through', async () => {
    createTracker('EZ4000000004').reply(200, fixture('tracker-delivered.json'));
    const [outcome] = await carrier().track(['EZ4000000004']);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result.status).toBe('delivered');
    expect(outcome.result.deliveredTo).toBe('John Tester');
    expect(outcome.result.events.map((e) => e.status)).toEqual([
      'out_for_delivery',
      'failed_attempt',
      'delivered',
    ]);
  });

  it('when the parcel is out for delivery, then the status, newest scan and ETA say so', async () => {
    createTracker('EZ3000000003').reply(200, fixture('tracker-out-for-delivery.json'));
    const [outcome] = await carrier().track(['EZ3000000003']);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result).toMatchObject({
      status: 'out_for_delivery',
      eta: { date: '2026-03-06' },
    });
    expect(outcome.result.events.at(-1)).toMatchObject({
      status: 'out_for_delivery',
      utcOffsetMinutes: -420,
      occurredAt: new Date('2026-03-06T13:40:00.000Z'),
      location: { city: 'TUCSON', region: 'AZ' },
    });
  });

  it('when the tracker failed or has no details yet, then it is an exception, or pending with its ETA', async () => {
    createTracker('EZ6000000006').reply(200, fixture('tracker-failure.json'));
    createTracker('EZ1000000001').reply(200, fixture('tracker-pre-transit.json'));
    const [failure, pre] = await carrier().track(['EZ6000000006', 'EZ1000000001']);
    expect(failure).toMatchObject({ ok: true, result: { status: 'exception' } });
    expect(pre).toMatchObject({
      ok: true,
      result: { status: 'pending', events: [], eta: { date: '2026-03-09' } },
    });
  });

  it.each([
    [422, 'invalid_number', fixture('error-invalid.json'), {}],
    [404, 'not_found', fixture('error-not-found.json'), {}],
    [401, 'auth', { error: { code: 'APIKEY.INACTIVE', message: 'inactive' } }, {}],
    [429, 'rate_limited', { error: { code: 'RATE_LIMITED' } }, { 'Retry-After': '7' }],
    [502, 'transient', 'bad gateway', {}],
  ])('when EasyPost answers %i, then the outcome is %s', async (status, kind, body, headers) => {
    createTracker('EZ2000000002').reply(status, body, headers);
    const [outcome] = await carrier().track(['EZ2000000002']);
    expect(outcome).toMatchObject({ ok: false, trackingNumber: 'EZ2000000002', error: { kind } });
    if (kind === 'rate_limited')
      expect(outcome && !outcome.ok && outcome.error.retryAfterMs).toBe(7_000);
    if (kind === 'invalid_number')
      expect(outcome && !outcome.ok && outcome.error.message).toMatch(/auto-detect carrier/);
  });

  describe('pushed Events', () => {
    const body = Buffer.from(raw('event-tracker-updated.json'));

    it("when a tracker Event carries EasyPost's signature, then its tracker is read", () => {
      const results = carrier().parsePush({
        rawBody: body,
        headers: { 'x-hmac-signature': signEasypostBody(secret, body) },
      });
      expect(results).toHaveLength(1);
      expect(results?.[0]).toMatchObject({
        trackingNumber: '9400111899223855100017',
        status: 'delivered',
        deliveredTo: 'John Tester',
      });
    });

    it('when the signature is missing, forged or made with another secret, then the push is refused', () => {
      const ep = carrier();
      expect(ep.parsePush({ rawBody: body, headers: {} })).toBeNull();
      const tampered = Buffer.from(body.toString().replace('John Tester', 'Mallory'));
      expect(
        ep.parsePush({
          rawBody: tampered,
          headers: { 'x-hmac-signature': signEasypostBody(secret, body) },
        }),
      ).toBeNull();
      expect(
        ep.parsePush({
          rawBody: body,
          headers: { 'x-hmac-signature': signEasypostBody('another-secret', body) },
        }),
      ).toBeNull();
    });

    it('when no webhook secret is configured, then every push is refused', () => {
      expect(
        new EasyPostCarrier({ apiKey, webhookSecret: undefined, baseUrl: base }).parsePush({
          rawBody: body,
          headers: { 'x-hmac-signature': signEasypostBody(secret, body) },
        }),
      ).toBeNull();
    });

    it('when the secret has characters with several Unicode forms, then it is NFKD-normalized as EasyPost does', () => {
      const composed = 'sécret-ﬁle-0123456789'; // é and the ﬁ ligature
      const signature = signEasypostBody(composed.normalize('NFKD'), body);
      expect(
        new EasyPostCarrier({ apiKey, webhookSecret: composed, baseUrl: base }).parsePush({
          rawBody: body,
          headers: { 'x-hmac-signature': signature },
        }),
      ).toHaveLength(1);
    });

    it('when a signed Event is about something other than a tracker, then it is acknowledged and ignored', () => {
      const other = Buffer.from(raw('event-batch-updated.json'));
      expect(
        carrier().parsePush({
          rawBody: other,
          headers: { 'x-hmac-signature': signEasypostBody(secret, other) },
        }),
      ).toEqual([]);
    });
  });

  it('when every documented status and status detail is mapped, then each lands in our taxonomy', () => {
    for (const status of Object.keys(easypostStatuses))
      for (const detail of [undefined, ...Object.keys(easypostStatusDetails)])
        expect(shipmentStatuses).toContain(mapEasypostStatus(status, detail));
    expect(mapEasypostStatus('in_transit', 'arrived_at_pickup_location')).toBe(
      'available_for_pickup',
    );
    expect(mapEasypostStatus('delivered', 'return')).toBe('delivered'); // final stands
    expect(mapEasypostStatus('failure', 'delivery_exception')).toBe('failed_attempt');
    expect(mapEasypostStatus('brand_new', undefined)).toBe('unknown');
  });

  it('when the API key is missing, then the adapter is disabled with one clear reason and claims no numbers itself', () => {
    const off = new EasyPostCarrier({ apiKey: undefined, webhookSecret: undefined, baseUrl: base });
    expect(off.enabled).toBe(false);
    expect(off.disabledReason).toMatch(/set EASYPOST_API_KEY/);
    expect((off as CarrierAdapter).matches).toBeUndefined();
    expect(off.publicTrackingUrl()).toBeUndefined();
  });
});
