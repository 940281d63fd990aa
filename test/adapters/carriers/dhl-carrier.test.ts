import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { DhlCarrier } from '../../../src/tracking/carriers/dhl/dhl-carrier';
import { dhlStatusCodes, mapDhlStatus } from '../../../src/tracking/carriers/dhl/dhl-status-map';
import { shipmentStatuses } from '../../../src/tracking/domain/taxonomy';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/carriers/dhl', name), 'utf8'));
const base = 'https://api-test.dhl.com';
const carrier = () => new DhlCarrier({ apiKey: 'dhl-key', baseUrl: base });

describe('DHL Unified tracking adapter', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('when a delivered shipment is tracked, then the request carries the API key and the result is normalized with offsets, ETA, signer and pieces', async () => {
    const scope = nock(base, { reqheaders: { 'dhl-api-key': 'dhl-key' } })
      .get('/track/shipments')
      .query({ trackingNumber: '1234567891' })
      .reply(200, fixture('delivered.json'));
    const [outcome] = await carrier().track(['1234567891']);
    expect(scope.isDone()).toBe(true);
    if (!outcome?.ok) throw new Error('expected a result');
    const r = outcome.result;
    expect(r).toMatchObject({
      status: 'delivered',
      deliveredTo: 'M. Weber',
      pieces: 2,
      eta: { date: '2026-03-04', source: 'dhl' },
    });
    expect(r.events.map((e) => [e.status, e.utcOffsetMinutes])).toEqual([
      ['delivered', 60],
      ['out_for_delivery', 60],
      ['in_transit', null], // DHL gave no offset: flagged, not taken as UTC
      ['pending', -300],
    ]);
    expect(r.events[0]?.occurredAt.toISOString()).toBe('2026-03-04T10:52:00.000Z');
    expect(r.events[0]?.location).toMatchObject({ city: 'BERLIN - GERMANY', country: 'DE' });
  });

  it('when the parcel waits at a Packstation or delivery failed, then the words refine the coarse status code', async () => {
    nock(base).get('/track/shipments').query(true).reply(200, fixture('pickup.json'));
    nock(base).get('/track/shipments').query(true).reply(200, fixture('failure.json'));
    const [pickup] = await carrier().track(['JJD000390007000000001']);
    const [failure] = await carrier().track(['1234567891']);
    expect(pickup?.ok && pickup.result.status).toBe('available_for_pickup');
    expect(failure?.ok && failure.result.events.map((e) => e.status)).toEqual([
      'failed_attempt',
      'exception',
    ]);
  });

  it.each([
    [404, 'not_found', fixture('not-found.json'), {}, undefined],
    [401, 'auth', { title: 'Unauthorized' }, {}, undefined],
    [429, 'rate_limited', { title: 'Too many requests' }, { 'Retry-After': '12' }, 12_000],
    [503, 'transient', 'upstream down', {}, undefined],
  ])(
    'when DHL answers %i, then the outcome is %s and nothing is thrown',
    async (status, kind, body, headers, retryAfterMs) => {
      nock(base).get('/track/shipments').query(true).reply(status, body, headers);
      const [outcome] = await carrier().track(['1234567891']);
      expect(outcome).toMatchObject({ ok: false, trackingNumber: '1234567891', error: { kind } });
      if (retryAfterMs)
        expect(outcome && !outcome.ok && outcome.error.retryAfterMs).toBe(retryAfterMs);
    },
  );

  it('when the network fails, then the outcome is transient', async () => {
    nock(base).get('/track/shipments').query(true).replyWithError('socket hang up');
    expect((await carrier().track(['1234567891']))[0]).toMatchObject({
      ok: false,
      error: { kind: 'transient' },
    });
  });

  it('when every documented status code is mapped, then each lands in our taxonomy', () => {
    expect(Object.keys(dhlStatusCodes).sort()).toEqual([
      'delivered',
      'failure',
      'pre-transit',
      'transit',
      'unknown',
    ]);
    for (const code of Object.keys(dhlStatusCodes))
      expect(shipmentStatuses).toContain(mapDhlStatus(code, ''));
    expect(mapDhlStatus('transit', 'Returned to shipper')).toBe('returned_to_sender');
    expect(mapDhlStatus(undefined, '')).toBe('unknown');
  });

  it('when no API key is configured, then the adapter is disabled with one clear reason, and numbers and links still work', () => {
    const off = new DhlCarrier({ apiKey: undefined, baseUrl: base });
    expect(off.enabled).toBe(false);
    expect(off.disabledReason).toBe('DHL tracking is disabled: set DHL_API_KEY');
    expect(off.matches('1234567891')).toBe(true);
    expect(off.matches('1234567890')).toBe(false);
    expect(off.publicTrackingUrl('1234567891')).toContain('tracking-id=1234567891');
  });
});
