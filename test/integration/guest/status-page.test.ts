import { createHash } from 'node:crypto';
import request from 'supertest';
import { buildContainer } from '../../../src/app/container';
import { loadConfig } from '../../../src/config/load-config';
import { createLogger } from '../../../src/shared/logger';
import { createWebApp } from '../../../src/web/app';
import { ShipmentModel } from '../../../src/db/models';
import { statusLabels } from '../../../src/i18n/status-labels';
import { ManualClock } from '../../../src/shared/clock';
import { CarrierRegistry } from '../../../src/tracking/carrier-registry';
import type { CarrierAdapter } from '../../../src/tracking/carrier';
import { shipmentStatuses } from '../../../src/tracking/domain/taxonomy';
import { StatusSnapshots } from '../../../src/web/status-page/status-snapshots';
import { statusViewSchema } from '../../../src/web/status-page/status-view.schema';
import { startTestApp } from '../../support/test-app';
import { journey, seedOrder } from './guest-fixtures';

const acme: CarrierAdapter = {
  code: 'acme',
  displayName: 'Acme Parcel',
  limits: { batchSize: 10, concurrency: 1, requestsPerSecond: 1 },
  enabled: true,
  track: async () => [],
  publicTrackingUrl: (n) => `https://track.acme.example/?n=${encodeURIComponent(n)}`,
};

const cookie = 'pl_csrf=abcdefghijklmnopqrstuvwx';

/** Response headers but the clock's. */
function withoutDate(headers: Record<string, string>) {
  const { date: _date, ...rest } = headers;
  return rest;
}

describe('guest status page', () => {
  const clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp({
      env: { GUEST_MISS_LIMIT: '1000' },
      overrides: { clock, carriers: new CarrierRegistry([acme]) },
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  /** How many GET 200s /metrics has timed under a route pattern. */
  async function latencyCount(route: string): Promise<number> {
    const text = (await request(app.url).get('/metrics')).text;
    const line = text
      .split('\n')
      .find((l) =>
        l.startsWith(
          `porchlight_http_request_duration_seconds_count{method="GET",route="${route}",status="200"}`,
        ),
      );
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it.each(shipmentStatuses)(
    'when the only shipment is %s, then the page and its JSON say so in plain words',
    async (status) => {
      const { token } = await seedOrder(app.container, {
        shipments: [{ status, carrier: 'acme', events: journey(status, clock.now()) }],
      });
      const page = await request(app.url).get(`/t/${token}`).set('Accept-Language', 'en');
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html');
      expect(page.text).toContain(`>${statusLabels.en[status]}</h2>`);
      expect(page.text).toContain('role="progressbar"');
      expect(page.text).toContain('https://track.acme.example/?n=');

      const json = await request(app.url).get(`/t/${token}.json`);
      expect(json.status).toBe(200);
      const view = statusViewSchema.parse(json.body);
      expect(view.shipments[0]?.status).toBe(status);
      expect(view.shipments[0]?.statusLabel).toBe(statusLabels.en[status]);
      expect(view.shipments[0]?.carrier).toMatchObject({
        name: 'Acme Parcel',
        trackingUrl: expect.stringContaining('acme'),
      });
      const needsAdvice = [
        'exception',
        'failed_attempt',
        'available_for_pickup',
        'returned_to_sender',
        'cancelled',
        'expired',
        'unknown',
      ];
      expect(view.shipments[0]!.advice.map((a) => a.kind).includes(status as never)).toBe(
        needsAdvice.includes(status),
      );
    },
  );

  it('when an order has two shipments, then each gets its own card, progress and timeline', async () => {
    const { token } = await seedOrder(app.container, {
      shipments: [
        {
          status: 'delivered',
          events: journey('delivered', clock.now()),
          extra: { finalAt: clock.now() },
        },
        {
          status: 'in_transit',
          events: journey('in_transit', clock.now()),
          extra: {
            eta: {
              original: { date: '2026-03-04', source: 'carrier', recordedAt: clock.now() },
              current: { date: '2026-03-06', source: 'carrier:revised', recordedAt: clock.now() },
            },
          },
        },
      ],
    });
    const page = await request(app.url).get(`/t/${token}`);
    expect(page.text).toContain('Package 1 of 2');
    expect(page.text).toContain('Package 2 of 2');
    expect(page.text.match(/role="progressbar"/g)).toHaveLength(2);
    expect(page.text.match(/class="timeline"/g)).toHaveLength(2);
    expect(page.text).toContain('Delivered on');
    expect(page.text).toContain('Running late');
    expect(page.text).toContain('Friday, March 6');
    expect(page.text).toContain('Originally expected Wednesday, March 4');
    // The unregistered carrier is still named, without a link.
    expect(page.text).toContain('SIMULATED');
    const view = statusViewSchema.parse(
      (await request(app.url).get(`/t/${token}`).set('Accept', 'application/json')).body,
    );
    expect(view.shipments.map((s) => s.status)).toEqual(['delivered', 'in_transit']);
    expect(view.final).toBe(false);
    expect(view.shipments[1]?.delivery).toMatchObject({
      delayed: true,
      estimatedDate: '2026-03-06',
      originalDate: '2026-03-04',
    });
  });

  it('when the page renders, then times are in the guest zone, unknown offsets are flagged and freshness is shown', async () => {
    const { token } = await seedOrder(app.container, {
      shipments: [
        {
          status: 'in_transit',
          events: [
            {
              status: 'pending',
              occurredAt: new Date('2026-03-01T14:05:00Z'),
              utcOffsetMinutes: null,
            },
            { status: 'in_transit', occurredAt: new Date('2026-03-02T09:30:00Z') },
          ],
          extra: { lastCheckedAt: new Date(clock.now().getTime() - 12 * 60_000) },
        },
      ],
    });
    const page = await request(app.url).get(`/t/${token}`);
    expect(page.text).toContain('Checked with the carrier 12 minutes ago');
    expect(page.text).toContain('3:30 AM'); // 09:30 UTC in Chicago
    expect(page.text).toContain('time zone not given by the carrier');
    expect(page.text).toContain('Central Time');
    const view = statusViewSchema.parse((await request(app.url).get(`/t/${token}.json`)).body);
    expect(view.shipments[0]?.events.map((e) => e.offsetKnown)).toEqual([true, false]);
  });

  it('when the guest reads the page, then no email, phone, street or postal code appears and merchant text is escaped', async () => {
    const { token } = await seedOrder(app.container, {
      guest: { email: 'secret.person@example.com', phone: '+13125550111' },
      shipments: [
        {
          status: 'in_transit',
          events: [
            { status: 'in_transit', occurredAt: clock.now(), rawText: '<script>alert(1)</script>' },
          ],
        },
      ],
    });
    for (const res of [
      await request(app.url).get(`/t/${token}`),
      await request(app.url).get(`/t/${token}.json`),
    ]) {
      expect(res.text).not.toContain('secret.person');
      expect(res.text).not.toContain('5550111');
      expect(res.text).not.toContain('60601');
    }
    const page = await request(app.url).get(`/t/${token}`);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('when ?lang= or Accept-Language ask for a language, then the page speaks it; otherwise the order language', async () => {
    const { token } = await seedOrder(app.container, {
      guest: { locale: 'de' },
      shipments: [{ status: 'out_for_delivery' }],
    });
    expect((await request(app.url).get(`/t/${token}`)).text).toContain('<html lang="de">');
    const es = await request(app.url).get(`/t/${token}`).set('Accept-Language', 'es-ES,es;q=0.9');
    expect(es.text).toContain('<html lang="es">');
    expect(es.text).toContain('En reparto');
    const bilingual = await request(app.url)
      .get(`/t/${token}`)
      .set('Accept-Language', 'en-US,en;q=0.9,de;q=0.5');
    expect(bilingual.text).toContain('<html lang="de">');
    const fr = await request(app.url).get(`/t/${token}?lang=fr`).set('Accept-Language', 'es');
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain('En cours de livraison');
  });

  it('when a token is unknown, expired or revoked, then each gets the same 404 page with the lookup form', async () => {
    const expired = await seedOrder(app.container, { shipments: [{ status: 'delivered' }] });
    await app.container.repositories.statusTokens.setExpiryForOrder(
      expired.order.id,
      new Date(clock.now().getTime() - 1000),
    );
    const revoked = await seedOrder(app.container, { shipments: [{ status: 'in_transit' }] });
    // Seen once, so the cache holds it: revocation must still win.
    expect((await request(app.url).get(`/t/${revoked.token}`)).status).toBe(200);
    await app.container.repositories.statusTokens.revokeForOrder(revoked.order.id, clock.now());
    clock.advance(5_000);
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAA';
    const bodies: string[] = [];
    for (const token of [unknown, expired.token, revoked.token, 'short']) {
      const res = await request(app.url).get(`/t/${token}`).set('Cookie', cookie);
      expect(res.status).toBe(404);
      expect(res.headers['cache-control']).toBe('no-store');
      bodies.push(res.text);
      const json = await request(app.url).get(`/t/${token}.json`);
      expect(json.status).toBe(404);
      expect(json.body).toEqual({
        error: { code: 'not_found', message: 'Not found.', fields: [] },
      });
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('action="/track');
  });

  it('when the shipment changes after a view, then the next view after the freshness window shows the change', async () => {
    const { token, shipments } = await seedOrder(app.container, {
      shipments: [{ status: 'in_transit' }],
    });
    expect((await request(app.url).get(`/t/${token}.json`)).body.shipments[0].status).toBe(
      'in_transit',
    );
    await ShipmentModel.updateOne(
      { _id: shipments[0]!.id },
      { $set: { status: 'out_for_delivery' } },
    );
    clock.advance(3_000);
    const after = await request(app.url).get(`/t/${token}.json`);
    expect(after.body.shipments[0].status).toBe('out_for_delivery');
  });

  it('when a status page is served, then privacy and security headers are strict', async () => {
    const { token } = await seedOrder(app.container, { shipments: [{ status: 'in_transit' }] });
    const res = await request(app.url).get(`/t/${token}`);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    const inline = /<style>([^<]*)<\/style>/.exec(res.text)?.[1] ?? '';
    const inlineHash = createHash('sha256').update(inline).digest('base64');
    expect(csp).toContain(`'sha256-${inlineHash}'`);
    expect(res.text).not.toMatch(/<script>/);
    expect(res.text).toContain('<script src="/assets/status.js" defer>');
    const css = await request(app.url).get('/assets/guest.css');
    expect(css.status).toBe(200);
    expect((await request(app.url).get('/assets/status.js')).status).toBe(200);
  });

  it("when a link is opened again while its snapshot is fresh, then the fast lane answers with the route's very headers and bytes", async () => {
    const get = jest.spyOn(StatusSnapshots.prototype, 'get');
    try {
      const served = await latencyCount('/t/:token');
      for (const suffix of ['', '.json']) {
        // A link of its own for each, so that its first answer comes from the route.
        const { token } = await seedOrder(app.container, {
          shipments: [{ status: 'in_transit' }],
        });
        const path = `/t/${token}${suffix}`;
        const open = () =>
          request(app.url)
            .get(path)
            .set('Accept-Language', 'de')
            .set('Accept-Encoding', 'identity')
            .set('X-Request-Id', `req-${path.length}`);
        get.mockClear();
        const viaRoute = await open();
        expect(get).toHaveBeenCalledTimes(1);
        get.mockClear();
        const viaLane = await open();
        // The lane read memory only; the route would have asked the snapshots (and Express).
        expect(get).not.toHaveBeenCalled();
        expect(viaLane.status).toBe(200);
        expect(viaLane.text).toBe(viaRoute.text);
        expect(withoutDate(viaLane.headers)).toEqual(withoutDate(viaRoute.headers));
        expect(viaLane.headers['x-request-id']).toBe(`req-${path.length}`);
      }
      // Both answers are timed under the route's pattern, never the token.
      expect(await latencyCount('/t/:token')).toBe(served + 4);
    } finally {
      get.mockRestore();
    }
  });

  it('when a request is a HEAD, has a query string or a trailing slash, then the route answers it, not the lane', async () => {
    const { token } = await seedOrder(app.container, { shipments: [{ status: 'in_transit' }] });
    await request(app.url).get(`/t/${token}`);
    const get = jest.spyOn(StatusSnapshots.prototype, 'get');
    try {
      const head = await request(app.url).head(`/t/${token}`);
      expect(head.status).toBe(200);
      const german = await request(app.url).get(`/t/${token}?lang=de`);
      expect(german.text).toContain('lang="de"');
      expect((await request(app.url).get(`/t/${token}/`)).status).toBe(200);
      expect(get).toHaveBeenCalledTimes(3);
    } finally {
      get.mockRestore();
    }
  });

  it('when the browser accepts br or gzip, then the cached page is sent compressed and decodes to the same page', async () => {
    const { token } = await seedOrder(app.container, { shipments: [{ status: 'in_transit' }] });
    const plain = await request(app.url).get(`/t/${token}`).set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const coding of ['br', 'gzip']) {
      const res = await request(app.url).get(`/t/${token}`).set('Accept-Encoding', coding);
      expect(res.headers['content-encoding']).toBe(coding);
      expect(res.headers.vary).toContain('Accept-Encoding');
      expect(res.text).toBe(plain.text);
    }
  });

  it('when every shipment is final, then the page carries no polling script', async () => {
    const { token } = await seedOrder(app.container, {
      shipments: [{ status: 'delivered' }, { status: 'returned_to_sender' }],
    });
    const page = await request(app.url).get(`/t/${token}`);
    expect(page.text).toContain('data-final="true"');
    expect(page.text).not.toContain('status.js');
    expect(
      statusViewSchema.parse((await request(app.url).get(`/t/${token}.json`)).body).final,
    ).toBe(true);
  });
});

describe('guest status page in production', () => {
  it('when NODE_ENV is production, then HSTS is sent', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://127.0.0.1:1/x',
      PUBLIC_BASE_URL: 'https://track.example.com',
      TOKEN_SECRET: 'a-production-secret-a-production-secret',
      EMAIL_TRANSPORT: 'log',
      SMS_TRANSPORT: 'log',
      LOG_LEVEL: 'silent',
    });
    const web = createWebApp(buildContainer(config, createLogger('silent')));
    const res = await request(web).get('/t/short');
    expect(res.status).toBe(404);
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

describe('guest status page rate limiting', () => {
  it('when one client keeps missing, then its misses get 429 while valid links, even its own, still work', async () => {
    const app = await startTestApp({ env: { GUEST_MISS_LIMIT: '3' } });
    try {
      const { token } = await seedOrder(app.container, { shipments: [{ status: 'in_transit' }] });
      expect((await request(app.url).get(`/t/${token}`)).status).toBe(200);
      for (let i = 0; i < 3; i++)
        expect((await request(app.url).get(`/t/BBBBBBBBBBBBBBBBBBBBB${i}`)).status).toBe(404);
      const limited = await request(app.url).get('/t/CCCCCCCCCCCCCCCCCCCCCC');
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.text).toContain('Too many attempts');
      expect((await request(app.url).get('/t/CCCCCCCCCCCCCCCCCCCCCC.json')).status).toBe(429);
      // The same address, now refused for misses, still gets its valid link answered.
      expect((await request(app.url).get(`/t/${token}`)).status).toBe(200);
      expect((await request(app.url).get(`/t/${token}.json`)).status).toBe(200);
      expect((await request(app.url).get(`/t/${token}/preferences`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
