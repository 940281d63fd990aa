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

function token(value = 'fx-token') {
  return nock(base)
    .post(
      '/oauth/token',
      (b: Record<string, string>) =>
        b.grant_type === 'client_credentials' &&
        b.client_id === 'fx-id' &&
        b.client_secret === 'fx-secret',
    )
    .reply(200, { access_token: value, token_type: 'bearer', expires_in: 3599, scope: 'CXS' });
}

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
