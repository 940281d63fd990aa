import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { UpsCarrier } from '../../../src/tracking/carriers/ups/ups-carrier';
import {
  mapUpsStatus,
  upsStatusCodes,
  upsStatusTypes,
} from '../../../src/tracking/carriers/ups/ups-status-map';
import { shipmentStatuses } from '../../../src/tracking/domain/taxonomy';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/carriers/ups', name), 'utf8'));
const base = 'https://wwwcie.ups.com';
const number = '1Z999AA10123456784';
const basic = `Basic ${Buffer.from('client:secret').toString('base64')}`;
const carrier = () => new UpsCarrier({ clientId: 'client', clientSecret: 'secret', baseUrl: base });

function tokenScope(token = 'ups-token-1', times = 1) {
  return nock(base, {
    reqheaders: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
  })
    .post('/security/v1/oauth/token', 'grant_type=client_credentials')
    .times(times)
    .reply(200, { ...fixture('token.json'), access_token: token });
}

/** The documented track request for one number, with the bearer token and UPS's headers. */
function trackScope(n = number, token = 'ups-token-1') {
  return nock(base, {
    reqheaders: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      transactionsrc: 'porchlight',
      transid: /^[0-9a-f-]{36}$/,
    },
  })
    .get(`/api/track/v1/details/${n}`)
    .query({ locale: 'en_US', returnSignature: 'false' });
}

describe('UPS Track API adapter', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('when a number is tracked, then it fetches a token once, sends the documented request and normalizes events with their offsets', async () => {
    const token = tokenScope();
    const track = nock(base, {
      reqheaders: {
        authorization: 'Bearer ups-token-1',
        transactionsrc: 'porchlight',
        transid: /^[0-9a-f-]{36}$/,
      },
    })
      .get(`/api/track/v1/details/${number}`)
      .query({ locale: 'en_US', returnSignature: 'false' })
      .times(2)
      .reply(200, fixture('in-transit.json'));
    const ups = carrier();
    const [first] = await ups.track([number]);
    await ups.track([number]); // the cached token is reused
    expect(token.isDone()).toBe(true);
    expect(track.isDone()).toBe(true);
    if (!first?.ok) throw new Error('expected a result');
    expect(first.result).toMatchObject({
      status: 'in_transit',
      pieces: 2,
      eta: { date: '2026-03-06', source: 'ups' },
    });
    expect(
      first.result.events.map((e) => [e.status, e.utcOffsetMinutes, e.occurredAt.toISOString()]),
    ).toEqual([
      ['in_transit', -360, '2026-03-04T09:15:00.000Z'],
      ['in_transit', -300, '2026-03-03T22:40:00.000Z'],
      ['pending', null, '2026-03-03T10:15:00.000Z'], // local time only: flagged, not taken as UTC
    ]);
    expect(first.result.events[0]?.location).toEqual({
      city: 'Hodgkins',
      region: 'IL',
      postalCode: '60525',
      country: 'US',
    });
  });

  it('when a delivered package reports an earlier failed attempt, then each scan maps precisely and the signer is kept', async () => {
    tokenScope();
    nock(base)
      .get(`/api/track/v1/details/${number}`)
      .query(true)
      .reply(200, fixture('delivered.json'));
    const [outcome] = await carrier().track([number]);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result.status).toBe('delivered');
    expect(outcome.result.deliveredTo).toBe('FRONT DOOR');
    expect(outcome.result.events.map((e) => e.status)).toEqual([
      'delivered',
      'out_for_delivery',
      'failed_attempt',
    ]);
  });

  it('when the package is out for delivery (activity type O), then the status, ETA and every scan time with its offset come through', async () => {
    const token = tokenScope();
    const track = trackScope().reply(200, fixture('out-for-delivery.json'));
    const [outcome] = await carrier().track([number]);
    expect(token.isDone()).toBe(true);
    expect(track.isDone()).toBe(true);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result).toMatchObject({
      trackingNumber: number,
      status: 'out_for_delivery',
      eta: { date: '2026-03-06', source: 'ups' },
      pieces: 1,
    });
    expect(outcome.result.deliveredTo).toBeUndefined();
    expect(
      outcome.result.events.map((e) => [
        e.status,
        e.rawCode,
        e.rawText,
        e.utcOffsetMinutes,
        e.occurredAt.toISOString(),
      ]),
    ).toEqual([
      ['out_for_delivery', 'O/021', 'Out For Delivery Today', -300, '2026-03-06T13:12:00.000Z'],
      ['out_for_delivery', 'I/072', 'Loaded on Delivery Vehicle', -300, '2026-03-06T12:40:00.000Z'],
      ['in_transit', 'I/005', 'Arrived at Facility', -300, '2026-03-06T06:30:00.000Z'],
      ['in_transit', 'I/005', 'Departed from Facility', -300, '2026-03-06T03:15:00.000Z'],
    ]);
    expect(outcome.result.events[0]?.location).toEqual({
      city: 'Brooklyn',
      region: 'NY',
      postalCode: '11201',
      country: 'US',
    });
  });

  it('when UPS reports an address exception (activity type X), then the result is an exception and the earlier scans keep their own status', async () => {
    tokenScope();
    const track = trackScope().reply(200, fixture('exception.json'));
    const [outcome] = await carrier().track([number]);
    expect(track.isDone()).toBe(true);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result.status).toBe('exception');
    expect(outcome.result.eta).toBeUndefined(); // UPS withdrew the delivery date
    expect(
      outcome.result.events.map((e) => [
        e.status,
        e.rawCode,
        e.utcOffsetMinutes,
        e.occurredAt.toISOString(),
      ]),
    ).toEqual([
      ['exception', 'X/013', -300, '2026-03-06T15:45:00.000Z'],
      ['out_for_delivery', 'I/072', -300, '2026-03-06T12:40:00.000Z'],
      ['in_transit', 'I/005', -300, '2026-03-06T06:30:00.000Z'],
    ]);
    expect(outcome.result.events[0]?.rawText).toBe(
      "The address is incomplete. We're attempting to obtain a complete address.",
    );
  });

  it('when one piece of a multi-piece shipment is tracked, then its own package is read and the piece count is kept', async () => {
    tokenScope();
    const lead = '1Z999AA10123456793';
    const second = '1Z999AA10123456800';
    const leadScope = trackScope(lead).reply(200, fixture('multi-piece.json'));
    const secondScope = trackScope(second).reply(200, fixture('multi-piece.json'));
    const ups = carrier();
    const [leadOutcome] = await ups.track([lead]);
    const [secondOutcome] = await ups.track([second]);
    expect(leadScope.isDone()).toBe(true);
    expect(secondScope.isDone()).toBe(true);
    if (!leadOutcome?.ok || !secondOutcome?.ok) throw new Error('expected results');
    expect(leadOutcome.result).toMatchObject({
      trackingNumber: lead,
      status: 'in_transit',
      pieces: 3,
      eta: { date: '2026-03-09', source: 'ups' },
    });
    expect(secondOutcome.result).toMatchObject({
      trackingNumber: second,
      status: 'exception', // this piece was missed at origin; the others moved on
      pieces: 3,
      eta: { date: '2026-03-10', source: 'ups' },
    });
    expect(
      secondOutcome.result.events.map((e) => [
        e.status,
        e.rawCode,
        e.utcOffsetMinutes,
        e.occurredAt.toISOString(),
      ]),
    ).toEqual([
      ['exception', 'X/013', -480, '2026-03-05T14:30:00.000Z'],
      ['in_transit', 'P/038', -480, '2026-03-05T01:15:00.000Z'],
    ]);
    expect(secondOutcome.result.events[0]?.id).toMatch(/^ups:1Z999AA10123456800:/);
  });

  it("when UPS answers 400 with its error envelope, then the outcome is invalid_number with UPS's message", async () => {
    tokenScope();
    const bad = '1Z999AA10123456785'; // wrong check digit
    const track = trackScope(bad).reply(400, fixture('invalid-number.json'));
    const outcomes = await carrier().track([bad]);
    expect(track.isDone()).toBe(true);
    expect(outcomes).toEqual([
      {
        ok: false,
        trackingNumber: bad,
        error: {
          kind: 'invalid_number',
          message: 'UPS refused the request (HTTP 400): Invalid tracking number',
        },
      },
    ]);
  });

  it('when UPS answers 200 with a "not found" warning and no package, then the outcome is not_found with UPS\'s message', async () => {
    tokenScope();
    trackScope().reply(200, fixture('not-found-warning.json'));
    expect(await carrier().track([number])).toEqual([
      {
        ok: false,
        trackingNumber: number,
        error: { kind: 'not_found', message: 'Tracking Information Not Found' },
      },
    ]);
  });

  it('when the token is rejected mid-life, then it refreshes once and retries', async () => {
    tokenScope('stale-token');
    tokenScope('fresh-token');
    nock(base, { reqheaders: { authorization: 'Bearer stale-token' } })
      .get(`/api/track/v1/details/${number}`)
      .query(true)
      .reply(401, {});
    nock(base, { reqheaders: { authorization: 'Bearer fresh-token' } })
      .get(`/api/track/v1/details/${number}`)
      .query(true)
      .reply(200, fixture('in-transit.json'));
    const [outcome] = await carrier().track([number]);
    expect(outcome?.ok).toBe(true);
  });

  it('when the credentials are wrong twice, then the outcome is auth, not an exception', async () => {
    tokenScope('a');
    tokenScope('b');
    nock(base).get(`/api/track/v1/details/${number}`).query(true).times(2).reply(401, {});
    expect((await carrier().track([number]))[0]).toMatchObject({
      ok: false,
      error: { kind: 'auth' },
    });
  });

  it.each([
    [404, 'not_found', fixture('not-found.json'), {}],
    [429, 'rate_limited', {}, { 'Retry-After': '30' }],
    [500, 'transient', {}, {}],
  ])('when UPS answers %i, then the outcome is %s', async (status, kind, body, headers) => {
    tokenScope();
    nock(base).get(`/api/track/v1/details/${number}`).query(true).reply(status, body, headers);
    const [outcome] = await carrier().track([number]);
    expect(outcome).toMatchObject({ ok: false, error: { kind } });
    if (kind === 'rate_limited')
      expect(outcome && !outcome.ok && outcome.error.retryAfterMs).toBe(30_000);
  });

  it('when every documented status type and code is mapped, then each lands in our taxonomy', () => {
    for (const type of Object.keys(upsStatusTypes))
      expect(shipmentStatuses).toContain(mapUpsStatus(type, undefined));
    for (const code of Object.keys(upsStatusCodes))
      expect(shipmentStatuses).toContain(mapUpsStatus('X', code));
    expect(mapUpsStatus('D', '022')).toBe('delivered'); // a delivered type stands
    expect(mapUpsStatus('I', '021')).toBe('out_for_delivery');
    expect(mapUpsStatus('I', '21')).toBe('out_for_delivery'); // zeros dropped
    expect(mapUpsStatus('X', '022')).toBe('failed_attempt');
    expect(mapUpsStatus('I', '999')).toBe('in_transit'); // unlisted code: the type decides
    expect(mapUpsStatus('ZZ', undefined)).toBe('unknown');
  });

  it('when credentials are missing, then the adapter is disabled with one clear reason', () => {
    const off = new UpsCarrier({ clientId: undefined, clientSecret: undefined, baseUrl: base });
    expect(off.enabled).toBe(false);
    expect(off.disabledReason).toBe(
      'UPS tracking is disabled: set UPS_CLIENT_ID and UPS_CLIENT_SECRET',
    );
    expect(off.matches(number)).toBe(true);
    expect(off.publicTrackingUrl(number)).toBe(`https://www.ups.com/track?tracknum=${number}`);
  });
});
