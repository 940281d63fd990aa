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
    expect(mapUpsStatus('D', '48')).toBe('delivered');
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
