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

/** The documented request: one GET per number, `trackingNumber=` in the query, the key in a header. */
const trackScope = (trackingNumber: string) =>
  nock(base, { reqheaders: { 'dhl-api-key': 'dhl-key', accept: 'application/json' } })
    .get('/track/shipments')
    .query({ trackingNumber });

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

  it('when an Express shipment is in transit, then every event keeps its own offset and the ETA and piece count come through', async () => {
    const scope = trackScope('7332647814').reply(200, fixture('in-transit.json'));
    const [outcome] = await carrier().track(['7332647814']);
    expect(scope.isDone()).toBe(true);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result).toMatchObject({
      trackingNumber: '7332647814',
      status: 'in_transit',
      eta: { date: '2026-03-05', source: 'dhl' },
      pieces: 1,
    });
    expect(outcome.result.deliveredTo).toBeUndefined();
    expect(
      outcome.result.events.map((e) => [
        e.status,
        e.rawText,
        e.utcOffsetMinutes,
        e.occurredAt.toISOString(),
      ]),
    ).toEqual([
      ['in_transit', 'Processed at LEIPZIG - GERMANY', 60, '2026-03-04T05:25:00.000Z'],
      [
        'in_transit',
        'Arrived at DHL Sort Facility LEIPZIG - GERMANY',
        60,
        '2026-03-04T03:58:00.000Z',
      ],
      ['in_transit', 'Departed Facility in HONG KONG - HONG KONG', 480, '2026-03-02T18:10:00.000Z'],
      ['in_transit', 'Shipment picked up', 480, '2026-03-02T10:40:00.000Z'],
      ['pending', 'Shipment information received', 480, '2026-03-02T03:00:00.000Z'],
    ]);
    expect(outcome.result.events[2]?.location).toEqual({
      city: 'HONG KONG - HONG KONG',
      postalCode: undefined,
      country: undefined,
    });
  });

  it('when the shipment is with the delivery courier, then the transit code is refined to out for delivery', async () => {
    const scope = trackScope('1234567891').reply(200, fixture('out-for-delivery.json'));
    const [outcome] = await carrier().track(['1234567891']);
    expect(scope.isDone()).toBe(true);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result).toMatchObject({
      status: 'out_for_delivery',
      eta: { date: '2026-03-05', source: 'dhl' },
    });
    expect(
      outcome.result.events.map((e) => [
        e.status,
        e.rawCode,
        e.utcOffsetMinutes,
        e.occurredAt.toISOString(),
      ]),
    ).toEqual([
      ['out_for_delivery', 'transit', 60, '2026-03-05T06:42:00.000Z'],
      ['in_transit', 'transit', 60, '2026-03-05T04:10:00.000Z'],
      ['in_transit', 'transit', 60, '2026-03-04T21:41:00.000Z'],
    ]);
  });

  it('when a multi-piece shipment is tracked, then the piece count comes from details.totalNumberOfPieces and a +00:00 offset is kept as 0', async () => {
    const scope = trackScope('3404341883').reply(200, fixture('multi-piece.json'));
    const [outcome] = await carrier().track(['3404341883']);
    expect(scope.isDone()).toBe(true);
    if (!outcome?.ok) throw new Error('expected a result');
    expect(outcome.result).toMatchObject({
      trackingNumber: '3404341883',
      status: 'in_transit',
      pieces: 3,
      eta: { date: '2026-03-05', source: 'dhl' },
    });
    expect(
      outcome.result.events.map((e) => [e.status, e.utcOffsetMinutes, e.occurredAt.toISOString()]),
    ).toEqual([
      ['in_transit', -300, '2026-03-04T09:35:00.000Z'],
      ['in_transit', 0, '2026-03-03T23:15:00.000Z'],
      ['in_transit', 0, '2026-03-03T15:20:00.000Z'],
    ]);
  });

  it('when DHL refuses the number with a 400 problem, then the outcome is invalid_number with its detail', async () => {
    const scope = trackScope('JJD00').reply(400, fixture('bad-request.json'), {
      'Content-Type': 'application/problem+json',
    });
    const outcomes = await carrier().track(['JJD00']);
    expect(scope.isDone()).toBe(true);
    expect(outcomes).toEqual([
      {
        ok: false,
        trackingNumber: 'JJD00',
        error: {
          kind: 'invalid_number',
          message:
            "DHL refused the request (HTTP 400): Invalid value for parameter 'trackingNumber'.",
        },
      },
    ]);
  });

  it('when DHL answers a 400 that is not about the number, then it is retried later', async () => {
    nock(base)
      .get('/track/shipments')
      .query(true)
      .reply(400, { title: 'Bad Request', status: 400, detail: 'Unsupported parameter: service' });
    expect((await carrier().track(['1234567891']))[0]).toMatchObject({
      ok: false,
      error: { kind: 'transient', message: expect.stringMatching(/Unsupported parameter/) },
    });
  });

  it.each([
    'The shipment has been loaded onto the delivery vehicle',
    'Die Sendung wurde in das Zustellfahrzeug geladen.',
  ])('when DHL Parcel says %p, then it is out for delivery', (text) => {
    expect(mapDhlStatus('transit', text)).toBe('out_for_delivery');
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
