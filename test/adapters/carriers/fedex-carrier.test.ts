import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { FedexCarrier } from '../../../src/tracking/carriers/fedex/fedex-carrier';
import {
  fedexStatusCodes,
  mapFedexStatus,
} from '../../../src/tracking/carriers/fedex/fedex-status-map';
import { shipmentStatuses } from '../../../src/tracking/domain/taxonomy';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/carriers/fedex', name), 'utf8'));
const base = 'https://apis-sandbox.fedex.com';
const carrier = () =>
  new FedexCarrier({ clientId: 'fx-id', clientSecret: 'fx-secret', baseUrl: base });

/** FedEx wants the client credentials in the form body, not in a Basic header. */
function token(value = 'fx-token') {
  return nock(base, {
    reqheaders: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    badheaders: ['authorization'],
  })
    .post('/oauth/token', {
      grant_type: 'client_credentials',
      client_id: 'fx-id',
      client_secret: 'fx-secret',
    })
    .reply(200, { access_token: value, token_type: 'bearer', expires_in: 3599, scope: 'CXS' });
}

/** The documented track request with the bearer token; `sent` collects each body FedEx got. */
function trackScope(sent: unknown[], value = 'fx-token') {
  return nock(base, {
    reqheaders: {
      authorization: `Bearer ${value}`,
      'x-locale': 'en_US',
      'content-type': 'application/json',
    },
  }).post('/track/v1/trackingnumbers', (b: unknown) => (sent.push(b), true));
}

const requestFor = (...numbers: string[]) => ({
  includeDetailedScans: true,
  trackingInfo: numbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })),
});

describe('FedEx Track API adapter', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('when several numbers are tracked, then one request carries them all and each gets its own outcome', async () => {
    token();
    let sent: unknown;
    const scope = nock(base, {
      reqheaders: {
        authorization: 'Bearer fx-token',
        'x-locale': 'en_US',
        'content-type': 'application/json',
      },
    })
      .post('/track/v1/trackingnumbers', (b: unknown) => ((sent = b), true))
      .reply(200, fixture('batch.json'));
    const outcomes = await carrier().track(['449044304137', '123456789012']);
    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual({
      includeDetailedScans: true,
      trackingInfo: [
        { trackingNumberInfo: { trackingNumber: '449044304137' } },
        { trackingNumberInfo: { trackingNumber: '123456789012' } },
      ],
    });
    const [delivered, missing] = outcomes;
    if (!delivered?.ok) throw new Error('expected a result');
    expect(delivered.result).toMatchObject({
      status: 'delivered',
      deliveredTo: 'J.SMITH',
      pieces: 3,
    });
    expect(
      delivered.result.events.map((e) => [e.status, e.utcOffsetMinutes, e.reasonCode]),
    ).toEqual([
      ['delivered', -360, undefined],
      ['out_for_delivery', -360, undefined],
      ['failed_attempt', -360, '08'],
      ['in_transit', -300, undefined],
    ]);
    expect(missing).toMatchObject({
      ok: false,
      trackingNumber: '123456789012',
      error: { kind: 'not_found' },
    });
  });

  it('when an in-transit number is tracked twice, then the token is fetched once with form credentials, each request carries the bearer and the documented body, and scans keep their offsets', async () => {
    const tokenScope = token();
    const sent: unknown[] = [];
    const track = trackScope(sent).times(2).reply(200, fixture('in-transit.json'));
    const fedex = carrier();
    const [outcome] = await fedex.track(['794887075006']);
    await fedex.track(['794887075006']); // the cached token is reused
    expect(tokenScope.isDone()).toBe(true);
    expect(track.isDone()).toBe(true);
    expect(sent).toEqual([requestFor('794887075006'), requestFor('794887075006')]);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result).toMatchObject({
      trackingNumber: '794887075006',
      status: 'in_transit',
      eta: { date: '2026-03-06', source: 'fedex' },
      pieces: 1,
    });
    expect(outcome.result.deliveredTo).toBeUndefined();
    expect(
      outcome.result.events.map((e) => [
        e.status,
        e.rawCode,
        e.reasonCode,
        e.utcOffsetMinutes,
        e.occurredAt.toISOString(),
      ]),
    ).toEqual([
      ['in_transit', 'DP', undefined, -360, '2026-03-05T03:05:00.000Z'],
      ['in_transit', 'AR', undefined, -360, '2026-03-04T09:12:00.000Z'],
      ['in_transit', 'DP', undefined, -480, '2026-03-04T03:48:00.000Z'],
      ['in_transit', 'PU', undefined, -480, '2026-03-04T00:20:00.000Z'],
      ['pending', 'OC', undefined, -480, '2026-03-02T19:02:00.000Z'],
    ]);
    expect(outcome.result.events[0]?.location).toEqual({
      city: 'MEMPHIS',
      region: 'TN',
      postalCode: '38118',
      country: 'US',
    });
  });

  it('when the package is on the FedEx vehicle, then the status is out for delivery with the ETA and the scan times', async () => {
    token();
    const sent: unknown[] = [];
    trackScope(sent).reply(200, fixture('out-for-delivery.json'));
    const [outcome] = await carrier().track(['794887075019']);
    expect(sent).toEqual([requestFor('794887075019')]);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result).toMatchObject({
      trackingNumber: '794887075019',
      status: 'out_for_delivery',
      eta: { date: '2026-03-05', source: 'fedex' },
      pieces: 1,
    });
    expect(
      outcome.result.events.map((e) => [e.status, e.utcOffsetMinutes, e.occurredAt.toISOString()]),
    ).toEqual([
      ['out_for_delivery', -300, '2026-03-05T13:14:00.000Z'],
      ['in_transit', -300, '2026-03-05T10:40:00.000Z'],
      ['in_transit', -360, '2026-03-05T05:30:00.000Z'],
      ['in_transit', -360, '2026-03-03T23:05:00.000Z'],
    ]);
  });

  it('when FedEx reports a shipment exception and a delivery exception, then SE is an exception, DE a failed attempt, and each scan keeps its exception code', async () => {
    token();
    const sent: unknown[] = [];
    trackScope(sent).reply(200, fixture('exception.json'));
    const [address, attempt] = await carrier().track(['794887075021', '794887075034']);
    expect(sent).toEqual([requestFor('794887075021', '794887075034')]);
    if (!address?.ok || !attempt?.ok) throw new Error('expected results');
    expect(address.result.status).toBe('exception');
    expect(address.result.eta).toBeUndefined();
    expect(
      address.result.events.map((e) => [
        e.status,
        e.rawCode,
        e.reasonCode,
        e.utcOffsetMinutes,
        e.occurredAt.toISOString(),
      ]),
    ).toEqual([
      ['exception', 'SE', '03', -300, '2026-03-05T14:32:00.000Z'],
      ['in_transit', 'AR', undefined, -300, '2026-03-05T09:55:00.000Z'],
      ['in_transit', 'PU', undefined, -300, '2026-03-03T20:00:00.000Z'],
    ]);
    expect(attempt.result).toMatchObject({
      status: 'failed_attempt',
      eta: { date: '2026-03-06', source: 'fedex' },
    });
    expect(
      attempt.result.events.map((e) => [
        e.status,
        e.reasonCode,
        e.utcOffsetMinutes,
        e.occurredAt.toISOString(),
      ]),
    ).toEqual([
      ['failed_attempt', '08', -360, '2026-03-05T23:20:00.000Z'],
      ['out_for_delivery', undefined, -360, '2026-03-05T14:02:00.000Z'],
      ['in_transit', undefined, -360, '2026-03-05T04:10:00.000Z'],
    ]);
  });

  it('when FedEx refuses the request with a 400 (empty tracking number), then the number is invalid_number and nothing is thrown', async () => {
    token();
    const sent: unknown[] = [];
    const track = trackScope(sent).reply(400, fixture('request-error.json'));
    const outcomes = await carrier().track(['']);
    expect(track.isDone()).toBe(true);
    expect(sent).toEqual([requestFor('')]);
    expect(outcomes).toEqual([
      {
        ok: false,
        trackingNumber: '',
        error: {
          kind: 'invalid_number',
          message:
            'FedEx refused the request (HTTP 400 TRACKING.TRACKINGNUMBER.EMPTY): Please provide tracking number.',
        },
      },
    ]);
  });

  it('when FedEx refuses a whole batch over one bad number, then each number is asked alone and only the bad one is invalid', async () => {
    token();
    const sent: Array<{ trackingInfo: unknown[] }> = [];
    const scope = nock(base)
      .post('/track/v1/trackingnumbers', (b: { trackingInfo: unknown[] }) => (sent.push(b), true))
      .reply(400, fixture('request-error.json'))
      .post('/track/v1/trackingnumbers', (b: { trackingInfo: unknown[] }) => (sent.push(b), true))
      .reply(200, fixture('batch.json'))
      .post('/track/v1/trackingnumbers', (b: { trackingInfo: unknown[] }) => (sent.push(b), true))
      .reply(400, fixture('request-error.json'));
    const outcomes = await carrier().track(['449044304137', '']);
    expect(scope.isDone()).toBe(true);
    expect(sent.map((b) => b.trackingInfo.length)).toEqual([2, 1, 1]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.kind))).toEqual(['ok', 'invalid_number']);
  });

  it('when FedEx answers a 400 that is not about the numbers, then the batch is retried later, not stopped', async () => {
    token();
    nock(base)
      .post('/track/v1/trackingnumbers')
      .reply(400, {
        errors: [{ code: 'INVALID.INPUT.EXCEPTION', message: 'Invalid field value' }],
      });
    const outcomes = await carrier().track(['449044304137', '123456789012']);
    expect(outcomes).toEqual(
      ['449044304137', '123456789012'].map((trackingNumber) => ({
        ok: false,
        trackingNumber,
        error: {
          kind: 'transient',
          message:
            'FedEx refused the request (HTTP 400 INVALID.INPUT.EXCEPTION): Invalid field value',
        },
      })),
    );
  });

  it('when 31 numbers are tracked, then they go in two requests of at most 30', async () => {
    token();
    const sizes: number[] = [];
    nock(base)
      .post(
        '/track/v1/trackingnumbers',
        (b: { trackingInfo: unknown[] }) => (sizes.push(b.trackingInfo.length), true),
      )
      .times(2)
      .reply(200, { output: { completeTrackResults: [] } });
    const numbers = Array.from({ length: 31 }, (_, i) => String(100000000000 + i));
    expect(await carrier().track(numbers)).toHaveLength(31);
    expect(sizes).toEqual([30, 1]);
  });

  it('when the token is rejected, then it refreshes once; when FedEx rate limits, then Retry-After is kept', async () => {
    token('old');
    token('new');
    nock(base, { reqheaders: { authorization: 'Bearer old' } })
      .post('/track/v1/trackingnumbers')
      .reply(401, {});
    nock(base, { reqheaders: { authorization: 'Bearer new' } })
      .post('/track/v1/trackingnumbers')
      .reply(429, {}, { 'Retry-After': '5' });
    const [outcome] = await carrier().track(['449044304137']);
    expect(outcome).toMatchObject({
      ok: false,
      error: { kind: 'rate_limited', retryAfterMs: 5000 },
    });
  });

  it('when every documented code is mapped, then each lands in our taxonomy', () => {
    for (const code of Object.keys(fedexStatusCodes))
      expect(shipmentStatuses).toContain(mapFedexStatus(code));
    expect(mapFedexStatus('ZZ')).toBe('unknown');
  });

  it('when credentials are missing, then it is disabled with one reason; numbers and links still work', () => {
    const off = new FedexCarrier({ clientId: undefined, clientSecret: undefined, baseUrl: base });
    expect(off.enabled).toBe(false);
    expect(off.disabledReason).toBe(
      'FedEx tracking is disabled: set FEDEX_CLIENT_ID and FEDEX_CLIENT_SECRET',
    );
    expect(off.matches('449044304137')).toBe(true);
    expect(off.publicTrackingUrl('449044304137')).toBe(
      'https://www.fedex.com/fedextrack/?trknbr=449044304137',
    );
  });
});
