import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp } from '../support/test-app';

const artifacts = path.resolve(__dirname, '../../test-artifacts');

jest.setTimeout(90_000);

const pages = [
  ['/console', 'overview'],
  ['/console/notifications', 'notifications'],
  ['/console/branding', 'branding'],
  ['/console/preview?milestone=out_for_delivery&channel=email&locale=en', 'preview-email'],
  ['/console/preview?milestone=delivered&channel=sms&locale=de', 'preview-sms'],
  ['/console/log?q=ada%40example.com', 'delivery-log'],
  ['/console/suppressions', 'suppressions'],
  ['/console/connections', 'connections'],
  ['/console/team', 'team'],
] as const;

async function seriousFindings(page: Page): Promise<string[]> {
  // The message previews are sandboxed frames (no script can run in them, axe's included);
  // the emails themselves are checked by the message tests.
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('merchant console in a browser', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let desktop: BrowserContext;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    app = await startTestApp({ env: { DEMO: 'on' } });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await desktop.newPage();
    // The newcomer's path: the link npm start prints, then the button it shows.
    await page.goto(`${app.url}${new URL(app.demoConsoleLink ?? '').pathname}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.close();
  });
  afterAll(async () => {
    await desktop?.close();
    await browser?.close();
    await app?.stop();
  });

  it.each(pages)(
    'when %s is opened on a desktop and a phone, then axe finds nothing serious and nothing is blocked',
    async (url, name) => {
      for (const [width, height, suffix] of [
        [1280, 900, 'desktop'],
        [390, 844, 'phone'],
      ] as const) {
        const page = await desktop.newPage();
        await page.setViewportSize({ width, height });
        const blocked: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') blocked.push(m.text());
        });
        try {
          const response = await page.goto(`${app.url}${url}`);
          expect(response?.status()).toBe(200);
          expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
          expect(blocked.filter((t) => /Content Security Policy/i.test(t))).toEqual([]);
          expect(await seriousFindings(page)).toEqual([]);
          await page.screenshot({
            path: path.join(artifacts, `console-${name}-${suffix}.png`),
            fullPage: true,
          });
        } finally {
          await page.close();
        }
      }
    },
  );

  it('when a newcomer changes quiet hours and the brand colour with the keyboard only, then the preview of every milestone shows the colour', async () => {
    const page = await desktop.newPage();
    try {
      await page.goto(`${app.url}/console/notifications`);
      const start = page.locator('#quiet\\.sms\\.start');
      await start.focus();
      // Arrow keys on the hour segment: the same keystrokes in 12- and 24-hour locales.
      await page.keyboard.press('ArrowDown');
      // Tab walks the time field's own segments first, then the next field.
      for (
        let i = 0;
        i < 4 &&
        (await page.evaluate('document.activeElement && document.activeElement.id')) !==
          'quiet.sms.end';
        i++
      )
        await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowUp');
      await page.getByRole('button', { name: 'Save changes' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Saved. New messages use these settings').waitFor();
      expect(await page.locator('#quiet\\.sms\\.start').inputValue()).toBe('20:00');

      await page.goto(`${app.url}/console/branding`);
      // A colour input opens a picker; its value can also be set by script like any user agent would.
      await page.locator('#primaryColor').evaluate((el) => {
        (el as unknown as { value: string }).value = '#7b2d8e';
      });
      await page.getByRole('button', { name: 'Preview changes' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('This preview uses your unsaved changes').waitFor();
      for (const milestone of [
        'shipped',
        'out_for_delivery',
        'delivered',
        'exception',
        'delayed',
      ]) {
        await page.goto(
          `${app.url}/console/preview?milestone=${milestone}&channel=email&locale=en`,
        );
        const frame = page.frameLocator('iframe.frame-desktop');
        const html = await frame.locator('body').innerHTML();
        expect([milestone, html.toLowerCase().includes('#7b2d8e')]).toEqual([milestone, true]);
      }
      await page.screenshot({
        path: path.join(artifacts, 'console-preview-draft.png'),
        fullPage: true,
      });
      await page.goto(`${app.url}/console/branding`);
      await page.getByRole('button', { name: 'Save changes' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Saved.').waitFor();
      const merchant = await app.container.repositories.merchants.findBySlug('demo');
      expect(merchant?.branding.primaryColor).toBe('#7b2d8e');
      expect(merchant?.preferences.quietHours.sms).toEqual({ start: '20:00', end: '09:00' });
    } finally {
      await page.close();
    }
  });

  it('when support finds a guest by email and lifts a suppression with the keyboard, then both work without a mouse', async () => {
    const page = await desktop.newPage();
    try {
      await page.goto(`${app.url}/console/log`);
      await page.locator('#q').focus();
      await page.keyboard.type('ada@example.com');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Order 1001' }).waitFor();

      await page.goto(`${app.url}/console/suppressions`);
      const lift = page.locator('summary', { hasText: 'Lift' }).first();
      await lift.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.type('The guest asked us by phone to text them again');
      await page.getByRole('button', { name: 'Lift suppression' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Suppression lifted.').waitFor();
    } finally {
      await page.close();
    }
  });

  it('when JavaScript is off, then the overview charts are also plain tables', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await desktop.storageState(),
    });
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/console`);
      expect(await page.locator('figure.chart table').count()).toBe(2);
      expect(await page.locator('figure.chart table tbody tr').count()).toBe(14);
    } finally {
      await context.close();
    }
  });
});
