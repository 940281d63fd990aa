import { z } from 'zod';
import { guestPageText } from '../../../src/i18n/guest-page-text';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import type { Shipment } from '../../../src/tracking/shipment';
import { brandColors, contrast } from '../../../src/web/status-page/domain/brand-colors';
import {
  buildStatusView,
  placeText,
  webLink,
} from '../../../src/web/status-page/domain/build-status-view';
import { deliveryProgress } from '../../../src/web/status-page/domain/delivery-progress';
import { formatEtaDate, relativeAgo } from '../../../src/web/status-page/domain/guest-time';
import { statusViewSchema } from '../../../src/web/status-page/status-view.schema';
import { guestOrder } from './status-fixtures';

const now = new Date('2026-03-02T15:00:00Z');
const en = guestPageText.en;

const merchant: Merchant = {
  id: 'm1',
  name: 'Shop',
  branding: {
    displayName: 'Shop',
    primaryColor: 'red;}body{display:none',
    supportUrl: 'javascript:alert(1)',
  },
  senders: { email: {}, sms: {} },
  preferences: defaultMerchantPreferences(),
  createdAt: now,
  updatedAt: now,
};

const order = guestOrder(now);

function shipment(fields: Partial<Shipment>): Shipment {
  return {
    id: 's1',
    merchantId: 'm1',
    orderId: 'o1',
    carrier: 'ghost',
    trackingNumber: 'T1',
    status: 'in_transit',
    events: [],
    eta: {},
    milestones: [],
    nextPollAt: null,
    consecutiveFailures: 0,
    lease: null,
    fence: 0,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

function view(shipments: Shipment[]) {
  return buildStatusView({
    order,
    merchant,
    shipments,
    carrier: () => undefined,
    locale: 'en',
    timeZone: 'America/Chicago',
    now,
    version: 'v1',
    links: { page: 'p', json: 'j', preferences: 'x' },
  });
}

describe('status view', () => {
  it("when the carrier gives no date but Porchlight estimated a window, then the page shows the window labelled as Porchlight's estimate", () => {
    const estimate = {
      from: '2026-12-01',
      to: '2026-12-02',
      mostLikely: '2026-12-01',
      source: 'porchlight' as const,
      confidence: 0.9,
    };
    const result = view([shipment({ estimate })]);
    expect(statusViewSchema.parse(result)).toBeTruthy();
    expect(result.shipments[0]?.delivery).toMatchObject({
      estimatedDate: '2026-12-01',
      text: expect.stringMatching(/^Tue, Dec 1\s–\sWed, Dec 2$/),
      estimateSource: 'porchlight',
      estimateNote: en.ourEstimate,
    });
    const carrierDated = view([
      shipment({
        estimate: { ...estimate, source: 'carrier' },
        eta: { current: { date: '2026-12-03', source: 'carrier', recordedAt: now } },
      }),
    ]);
    expect(carrierDated.shipments[0]?.delivery).toMatchObject({
      estimateSource: 'carrier',
      estimateNote: null,
    });
  });

  it('when a parcel went to a pickup point, then the third step is pickup and progress reads as text', () => {
    const progress = deliveryProgress('available_for_pickup', ['in_transit', 'pending'], en);
    expect(progress.steps.map((s) => s.key)).toEqual(['ordered', 'shipped', 'pickup', 'delivered']);
    expect(progress.step).toBe(3);
    expect(progress.text).toBe('Step 3 of 4: Ready for pickup');
    expect(progress.steps.map((s) => s.state)).toEqual(['done', 'done', 'current', 'upcoming']);
  });

  it('when a parcel stalled for being slower than its lane usually is, then the advice says so instead of the plain stall', () => {
    const stalledAt = new Date('2026-03-02T14:00:00Z');
    const slow = view([
      shipment({
        lastEventAt: new Date('2026-02-27T20:00:00Z'),
        stalledAt,
        stalledReason: 'slower_than_usual',
        milestones: [{ milestone: 'stalled', at: stalledAt }],
      }),
    ]);
    expect(slow.shipments[0]?.advice.map((a) => a.kind)).toEqual(['slower_than_usual']);
    expect(slow.shipments[0]?.advice[0]?.title).toBe(en.advice.slower_than_usual.title);
  });

  it('when delivered, then every step is done', () => {
    const progress = deliveryProgress('delivered', ['out_for_delivery'], en);
    expect(progress.steps.every((s) => s.state === 'done')).toBe(true);
  });

  it('when the carrier is unknown and merchant strings are hostile, then the view stays safe and valid', () => {
    const result = view([shipment({})]);
    expect(statusViewSchema.parse(result)).toBeTruthy();
    expect(result.shipments[0]?.carrier).toEqual({
      code: 'ghost',
      name: 'GHOST',
      trackingNumber: 'T1',
      trackingUrl: null,
    });
    expect(result.merchant.primaryColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(result.merchant.supportUrl).toBeNull();
    expect(result.order.destination).toEqual({ city: 'Austin', region: 'TX' });
    expect(JSON.stringify(result)).not.toContain('x@example.com');
    expect(JSON.stringify(result)).not.toContain('78701');
  });

  it('when the ETA moved later, then the shipment is delayed with both dates', () => {
    const recordedAt = now;
    const result = view([
      shipment({
        eta: {
          original: { date: '2026-03-03', source: 'carrier', recordedAt },
          current: { date: '2026-03-05', source: 'carrier:revised', recordedAt },
        },
      }),
    ]);
    expect(result.shipments[0]?.advice.map((a) => a.kind)).toEqual(['delayed']);
    expect(result.shipments[0]?.delivery.text).toBe('Thursday, March 5');
    expect(result.shipments[0]?.delivery.originalText).toBe('Originally expected Tuesday, March 3');
  });

  it('when a stall was noticed and no scan came since, then the guest is told; a tracking problem too', () => {
    const stalledAt = new Date(now.getTime() - 3_600_000);
    const result = view([
      shipment({
        milestones: [{ milestone: 'stalled', at: stalledAt }],
        lastEventAt: new Date(stalledAt.getTime() - 86_400_000),
        trackingProblem: 'carrier disabled',
      }),
    ]);
    expect(result.shipments[0]?.advice.map((a) => a.kind)).toEqual(['stalled', 'tracking_problem']);
  });

  it('when the merchant API builds its OpenAPI document, then the JSON view schema converts to JSON Schema', () => {
    const schema = z.toJSONSchema(statusViewSchema) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['version', 'final', 'merchant', 'order', 'shipments', 'links']),
    );
  });

  it('when the ETA is today or tomorrow in the guest zone, then the page says so', () => {
    // 15:00 UTC on March 2 is 09:00 in Chicago.
    expect(formatEtaDate('2026-03-02', 'en', 'America/Chicago', now)).toBe(
      'Today, Monday, March 2',
    );
    expect(formatEtaDate('2026-03-03', 'es', 'America/Chicago', now)).toBe(
      'Mañana, martes, 3 de marzo',
    );
    expect(formatEtaDate('2026-03-03', 'en', 'Asia/Tokyo', now)).toBe('Today, Tuesday, March 3');
    expect(formatEtaDate('2026-03-09', 'en', 'America/Chicago', now)).toBe('Monday, March 9');
  });

  it('when no shipment exists yet, then the order is not final', () => {
    expect(view([]).final).toBe(false);
  });
});

describe('status page helpers', () => {
  it('when a place is abroad, then the country is added; street-level fields never are', () => {
    expect(
      placeText({ city: 'Lyon', region: 'ARA', country: 'FR', postalCode: '69001' }, 'US'),
    ).toBe('Lyon, ARA, FR');
    expect(placeText({ city: 'Austin', region: 'TX', country: 'US' }, 'US')).toBe('Austin, TX');
    expect(placeText({}, 'US')).toBeUndefined();
  });

  it('when links are not plain web links, then they are dropped', () => {
    expect(webLink('https://carrier.example/t?n=1')).toBe('https://carrier.example/t?n=1');
    expect(webLink('javascript:alert(1)')).toBeNull();
    expect(webLink('https://x.example/"onmouseover=')).toBeNull();
  });

  it('when a brand colour is too light, then the text on it is dark and the accent is darkened to AA', () => {
    const colors = brandColors('#ffd500');
    expect(colors.onBrand).toBe('#111418');
    expect(contrast(colors.accent, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(brandColors('#1d4ed8').onBrand).toBe('#ffffff');
  });

  it('when the carrier was checked under a minute ago, then there is no relative phrase; later it is minutes, hours, days', () => {
    expect(relativeAgo(new Date(now.getTime() - 30_000), now, 'en')).toBeUndefined();
    expect(relativeAgo(new Date(now.getTime() - 12 * 60_000), now, 'en')).toBe('12 minutes ago');
    expect(relativeAgo(new Date(now.getTime() - 3 * 3_600_000), now, 'de')).toBe('vor 3 Stunden');
    expect(relativeAgo(new Date(now.getTime() - 72 * 3_600_000), now, 'es')).toBe('hace 3 días');
  });
});
