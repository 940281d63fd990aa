import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { ShipmentModel } from '../../src/db/models';
import type { ShipmentStatus } from '../../src/tracking/domain/taxonomy';
import { startTestApp } from '../support/test-app';

const artifacts = path.resolve(__dirname, '../../test-artifacts');
const hour = 3_600_000;

/** What the tracking engine would have written by now for a demo parcel. */
async function giveJourney(
  trackingNumber: string,
  now: number,
  last: ShipmentStatus,
  eta?: { original: string; current: string },
) {
  const steps: Array<[ShipmentStatus, string, string, number, number | null]> = [
    ['pending', 'Shipping label created', 'Portland', 70, -480],
    ['in_transit', 'Picked up by carrier', 'Portland', 52, -480],
    ['in_transit', 'Departed sort facility', 'Salt Lake City', 30, -420],
    ['in_transit', 'Arrived at regional hub', 'Secaucus', 9, null],
  ];
  if (last === 'out_for_delivery')
    steps.push(['out_for_delivery', 'Out for delivery', 'Brooklyn', 2, -300]);
  if (last === 'exception')
    steps.push(['exception', 'Weather delay: held at facility', 'Secaucus', 3, -300]);
  const events = steps.map(([status, rawText, city, hoursAgo, offset], i) => ({
    id: `${trackingNumber}-${i}`,
    status,
    rawCode: status.toUpperCase(),
    rawText,
    location: {
      city,
      region:
        city === 'Salt Lake City'
          ? 'UT'
          : city === 'Portland'
            ? 'OR'
            : city === 'Secaucus'
              ? 'NJ'
              : 'NY',
      country: 'US',
    },
    occurredAt: new Date(now - hoursAgo * hour),
    utcOffsetMinutes: offset,
  }));
  const recordedAt = new Date(now - 10 * hour);
  await ShipmentModel.updateOne(
    { trackingNumber: new RegExp(`^${trackingNumber}(T|$)`) },
    {
      $set: {
        status: last,
        events,
        lastEventAt: events.at(-1)?.occurredAt,
        lastCheckedAt: new Date(now - 7 * 60_000),
        ...(eta
          ? {
              eta: {
                original: { date: eta.original, source: 'carrier', recordedAt },
                current: { date: eta.current, source: 'carrier:revised', recordedAt },
              },
            }
          : {}),
      },
    },
  );
}

describe('status page in a phone browser', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // No freshness window, so a change written by the test is visible to the very next poll.
    app = await startTestApp({ env: { DEMO: 'on', STATUS_CACHE_FRESH_MS: '0' } });
    const now = Date.now();
    const today = new Date(now).toISOString().slice(0, 10);
    const later = new Date(now + 2 * 24 * hour).toISOString().slice(0, 10);
    await giveJourney('SIM1001HAPPY', now, 'out_for_delivery', { original: today, current: today });
    await giveJourney('SIM1002DELAY', now, 'exception', { original: today, current: later });
    await giveJourney('SIM1002HAPPY', now, 'in_transit');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  function demoPath(orderNumber: string): string {
    const demo = app.demoOrders.find((o) => o.orderNumber === orderNumber);
    if (!demo) throw new Error(`no demo order ${orderNumber}`);
    return new URL(demo.statusUrl).pathname;
  }

  it.each([
    ['1001', 'en-US', 'en', 'status-page-phone-en.png'],
    ['1002', 'es-ES', 'es', 'status-page-phone-es.png'],
  ])(
    'when demo order %s is opened on a phone, then the timeline and progress bar are there and axe finds nothing serious',
    async (orderNumber, browserLocale, lang, screenshot) => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
        locale: browserLocale,
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') blocked.push(m.text());
      });
      try {
        const response = await page.goto(`${app.url}${demoPath(orderNumber)}`);
        expect(response?.status()).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);

        const progress = page.getByRole('progressbar').first();
        expect(await progress.getAttribute('aria-valuenow')).toMatch(/^[1-4]$/);
        expect(await progress.getAttribute('aria-valuetext')).toBeTruthy();
        const events = page.locator('ol.timeline > li');
        expect(await events.count()).toBeGreaterThanOrEqual(4);
        expect(await page.locator('ol.timeline time').first().getAttribute('datetime')).toMatch(
          /Z$/,
        );
        expect(await page.getByRole('main').count()).toBe(1);
        expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);

        // The strict CSP must not have blocked anything the page itself needs.
        expect(blocked.filter((t) => /Content Security Policy/i.test(t))).toEqual([]);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

        await page.screenshot({ path: path.join(artifacts, screenshot), fullPage: true });
      } finally {
        await context.close();
      }
    },
  );

  it('when JavaScript is off, then the page still shows the status and the full history', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}${demoPath('1001')}`);
      expect(await page.locator('h2.status-title').first().textContent()).toBe('Out for delivery');
      expect(await page.locator('ol.timeline > li').count()).toBe(5);
    } finally {
      await context.close();
    }
  });

  it('when the page is open and a shipment changes, then it updates itself, and stops polling once everything is final', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'es-ES',
    });
    const page = await context.newPage();
    const polls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('.json')) polls.push(r.url());
    });
    try {
      await page.clock.install();
      await page.goto(`${app.url}${demoPath('1002')}`);
      expect(await page.getAttribute('main', 'data-final')).toBe('false');
      const delivered = {
        id: 'late-1',
        status: 'delivered',
        rawCode: 'DL',
        rawText: 'Entregado en buzón',
        occurredAt: new Date(),
        utcOffsetMinutes: 60,
      };
      await ShipmentModel.updateOne(
        { trackingNumber: /^SIM1002HAPPY/ },
        { $set: { status: 'delivered', finalAt: new Date() }, $push: { events: delivered } },
      );
      await page.clock.fastForward(61_000);
      await page.locator('h2.status-title', { hasText: /^Entregado$/ }).waitFor();
      expect(await page.textContent('#live-status')).toBe('Seguimiento actualizado.');

      await ShipmentModel.updateOne(
        { trackingNumber: /^SIM1002DELAY/ },
        { $set: { status: 'returned_to_sender', finalAt: new Date() } },
      );
      await page.clock.fastForward(61_000);
      await page.locator('h2.status-title', { hasText: /^Devuelto al remitente$/ }).waitFor();
      const pollsWhenFinal = polls.length;
      await page.clock.fastForward(20 * 60_000);
      await page.waitForTimeout(200);
      expect(polls.length).toBe(pollsWhenFinal);
    } finally {
      await context.close();
    }
  });

  it.each([
    ['lookup', () => '/track', 'lookup-phone.png'],
    ['preferences', () => `${demoPath('1001')}/preferences`, 'preferences-phone.png'],
    ['not found', () => '/t/AAAAAAAAAAAAAAAAAAAAAA', 'not-found-phone.png'],
  ])(
    'when the %s page is opened on a phone, then axe finds nothing serious',
    async (_name, path_, screenshot) => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
      });
      const page = await context.newPage();
      try {
        await page.goto(`${app.url}${path_()}`);
        expect(await page.getByRole('main').count()).toBe(1);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
        await page.screenshot({ path: path.join(artifacts, screenshot), fullPage: true });
      } finally {
        await context.close();
      }
    },
  );
});
