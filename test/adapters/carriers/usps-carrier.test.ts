import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { UspsCarrier } from '../../../src/tracking/carriers/usps/usps-carrier';
import {
  mapUspsCategory,
  mapUspsEvent,
  uspsEventCodes,
  uspsStatusCategories,
} from '../../../src/tracking/carriers/usps/usps-status-map';
import { shipmentStatuses } from '../../../src/tracking/domain/taxonomy';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/carriers/usps', name), 'utf8'));
const base = 'https://apis-tem.usps.com';
const number = '9400111899223855100017';
const carrier = () =>
  new UspsCarrier({ clientId: 'client', clientSecret: 'secret', baseUrl: base });

function tokenScope(token = 'usps-token-1') {
  return nock(base, { reqheaders: { 'content-type': 'application/json' } })
    .post('/oauth2/v3/token', {
      client_id: 'client',
      client_secret: 'secret',
      grant_type: 'client_credentials',
    })
    .reply(200, { ...fixture('token.json'), access_token: token });
}

const trackPath = `/tracking/v3/tracking/${number}`;

describe('USPS Tracking 3.0 adapter', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('when a number is tracked, then it posts JSON credentials once, asks for detail and normalizes events with GMT offsets', async () => {
    const token = tokenScope();
    const track = nock(base, { reqheaders: { authorization: 'Bearer usps-token-1' } })
      .get(trackPath)
      .query({ expand: 'DETAIL' })
      .times(2)
      .reply(200, fixture('in-transit.json'));
    const usps = carrier();
    const [first] = await usps.track([number]);
    await usps.track([number]); // the cached token (expires_in is a string) is reused
    expect(token.isDone()).toBe(true);
    expect(track.isDone()).toBe(true);
    if (!first?.ok) throw new Error('expected a result');
    expect(first.result).toMatchObject({
      status: 'in_transit',
      eta: { date: '2026-03-06', source: 'usps' },
    });
    expect(
      first.result.events.map((e) => [e.status, e.utcOffsetMinutes, e.occurredAt.toISOString()]),
    ).toEqual([
      ['in_transit', -360, '2026-03-04T10:12:00.000Z'],
      ['in_transit', -300, '2026-03-04T02:40:00.000Z'],
      ['in_transit', null, '2026-03-03T10:15:00.000Z'], // local time only: flagged, not UTC
      ['pending', -300, '2026-03-02T22:02:00.000Z'],
    ]);
    expect(first.result.events[0]?.location).toEqual({
      city: 'DES MOINES IA DISTRIBUTION CENTER',
      region: 'IA',
      postalCode: '50318',
      country: 'US',
    });
  });

  it('when the item was delivered after a notice was left, then each scan maps precisely and the recipient is kept', async () => {
    tokenScope();
    nock(base).get(trackPath).query(true).reply(200, fixture('delivered.json'));
    const [outcome] = await carrier().track([number]);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result.status).toBe('delivered');
    expect(outcome.result.deliveredTo).toBe('J SMITH');
    expect(outcome.result.events.map((e) => e.status)).toEqual([
      'delivered',
      'out_for_delivery',
      'failed_attempt',
    ]);
  });

  it('when the item is out for delivery, then the status and ETA say so', async () => {
    tokenScope();
    nock(base).get(trackPath).query(true).reply(200, fixture('out-for-delivery.json'));
    const [outcome] = await carrier().track([number]);
    expect(outcome).toMatchObject({
      ok: true,
      result: { status: 'out_for_delivery', eta: { date: '2026-03-06' } },
    });
  });

  it('when USPS raises an alert with codes it has not documented, then only the newest scan takes the alert status', async () => {
    tokenScope();
    nock(base).get(trackPath).query(true).reply(200, fixture('alert.json'));
    const [outcome] = await carrier().track([number]);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result.status).toBe('exception');
    expect(outcome.result.events.map((e) => [e.rawCode, e.status])).toEqual([
      ['ZZ', 'unknown'],
      ['Q9', 'exception'],
    ]);
  });

  it('when USPS answers with its README example (one event object, local time with a Z), then it is read as local wall time', async () => {
    tokenScope();
    nock(base).get(trackPath).query(true).reply(200, fixture('readme-example.json'));
    const [outcome] = await carrier().track([number]);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result.status).toBe('in_transit');
    expect(outcome.result.events).toHaveLength(1);
    expect(outcome.result.events[0]).toMatchObject({
      status: 'in_transit',
      rawText: 'USPS in possession of item',
      utcOffsetMinutes: null,
      occurredAt: new Date('2023-08-02T07:31:00.000Z'),
    });
  });

  it('when polled twice while a new scan arrives, then the old scans keep their identities', async () => {
    tokenScope();
    const later = fixture('in-transit.json');
    const earlier = { ...later, trackingEvents: later.trackingEvents.slice(1) };
    nock(base).get(trackPath).query(true).reply(200, earlier);
    nock(base).get(trackPath).query(true).reply(200, later);
    const usps = carrier();
    const [a] = await usps.track([number]);
    const [b] = await usps.track([number]);
    if (!a?.ok || !b?.ok) throw new Error('expected results');
    expect(b.result.events.slice(1).map((e) => e.id)).toEqual(a.result.events.map((e) => e.id));
  });

  it('when the token is rejected mid-life, then it refreshes once and retries', async () => {
    tokenScope('stale-token');
    tokenScope('fresh-token');
    nock(base, { reqheaders: { authorization: 'Bearer stale-token' } })
      .get(trackPath)
      .query(true)
      .reply(401, {});
    nock(base, { reqheaders: { authorization: 'Bearer fresh-token' } })
      .get(trackPath)
      .query(true)
      .reply(200, fixture('in-transit.json'));
    expect((await carrier().track([number]))[0]?.ok).toBe(true);
  });

  it('when the token endpoint refuses the credentials, then the outcome is auth; when it is down, transient', async () => {
    nock(base).post('/oauth2/v3/token').reply(401, { error: 'invalid_client' });
    expect((await carrier().track([number]))[0]).toMatchObject({
      ok: false,
      error: { kind: 'auth' },
    });
    nock(base).post('/oauth2/v3/token').reply(503, 'unavailable');
    expect((await carrier().track([number]))[0]).toMatchObject({
      ok: false,
      error: { kind: 'transient' },
    });
  });

  it.each([
    [404, 'not_found', fixture('not-found.json'), {}],
    [400, 'invalid_number', fixture('invalid.json'), {}],
    [429, 'rate_limited', {}, { 'Retry-After': '120' }],
    [503, 'transient', {}, {}],
  ])('when USPS answers %i, then the outcome is %s', async (status, kind, body, headers) => {
    tokenScope();
    nock(base).get(trackPath).query(true).reply(status, body, headers);
    const [outcome] = await carrier().track([number]);
    expect(outcome).toMatchObject({ ok: false, error: { kind } });
    if (kind === 'rate_limited')
      expect(outcome && !outcome.ok && outcome.error.retryAfterMs).toBe(120_000);
    if (kind === 'not_found')
      expect(outcome && !outcome.ok && outcome.error.message).toMatch(/may be incorrect/);
  });

  it('when USPS refuses a request for a reason other than the number, then it is retried later rather than stopped', async () => {
    tokenScope();
    nock(base)
      .get(trackPath)
      .query(true)
      .reply(400, {
        apiVersion: '/tracking/v3',
        error: {
          code: '400',
          message: 'Bad Request',
          errors: [{ detail: 'Unknown value for expand' }],
        },
      });
    expect((await carrier().track([number]))[0]).toMatchObject({
      ok: false,
      error: { kind: 'transient', message: 'Unknown value for expand' },
    });
  });

  it('when every documented category and event code is mapped, then each lands in our taxonomy', () => {
    for (const category of Object.keys(uspsStatusCategories))
      expect(shipmentStatuses).toContain(mapUspsCategory(category));
    for (const code of Object.keys(uspsEventCodes))
      expect(shipmentStatuses).toContain(mapUspsEvent(code));
    expect(mapUspsCategory('Something New')).toBe('unknown');
    expect(mapUspsEvent('of')).toBe('out_for_delivery');
    expect(mapUspsEvent('ZZ')).toBeUndefined();
  });

  it('when credentials are missing, then the adapter is disabled with one clear reason', () => {
    const off = new UspsCarrier({ clientId: undefined, clientSecret: undefined, baseUrl: base });
    expect(off.enabled).toBe(false);
    expect(off.disabledReason).toBe(
      'USPS tracking is disabled: set USPS_CLIENT_ID and USPS_CLIENT_SECRET',
    );
    expect(off.matches(number)).toBe(true);
    expect(off.matches('9400111899223855100018')).toBe(false); // wrong check digit
    expect(off.matches('EA123456785US')).toBe(true);
    expect(off.matches('EA123456785GB')).toBe(false); // another post's S10 number
    expect(off.publicTrackingUrl(number)).toBe(
      `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`,
    );
  });
});
