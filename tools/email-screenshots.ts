/**
 * Renders every email milestone in English, plus a right-to-left sample (Arabic shop, guest and
 * items), and screenshots each at phone (375 px) and desktop (1024 px) width with Debian's
 * Chromium, for a person to look at. Usage: `npx tsx tools/email-screenshots.ts [outDir]`
 * (default /tmp/porchlight-email-shots). The PNGs are not kept in the repository.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { EmailRenderer } from '../src/notify/render/email-renderer';
import { templateNames, type MessageInput } from '../src/notify/render/message-input';
import { sampleMessage } from '../src/notify/render/sample-message';

const merchant = {
  name: 'Juniper & Pine',
  branding: {
    displayName: 'Juniper & Pine',
    primaryColor: '#2f6b4f',
    supportEmail: 'help@juniper.example',
  },
};

function rtlSample(now: Date): MessageInput {
  const base = sampleMessage(
    { name: 'متجر الورد', branding: { ...merchant.branding, displayName: 'متجر الورد 24' } },
    'failed_attempt',
    'en',
    'https://track.example.com',
    now,
  );
  return {
    ...base,
    guestName: 'أمل حداد',
    items: [
      { name: 'كوب سيراميك (أزرق) 2', quantity: 2 },
      { name: 'Teapot «إبريق» 500 ml', quantity: 1 },
    ],
  };
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? '/tmp/porchlight-email-shots';
  mkdirSync(out, { recursive: true });
  const renderer = await EmailRenderer.create();
  const now = new Date();
  const samples: Array<[string, MessageInput]> = [
    ...templateNames.map(
      (t) =>
        [t, sampleMessage(merchant, t, 'en', 'https://track.example.com', now)] as [
          string,
          MessageInput,
        ],
    ),
    ['rtl-failed_attempt', rtlSample(now)],
    [
      'light-brand-shipped',
      sampleMessage(
        { ...merchant, branding: { ...merchant.branding, primaryColor: '#fffbe6' } },
        'shipped',
        'en',
        'https://track.example.com',
        now,
      ),
    ],
  ];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    for (const width of [375, 1024]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      // Images point at example hosts; nothing leaves the machine.
      await page.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort(),
      );
      for (const [name, input] of samples) {
        await page.setContent(renderer.render(input).html, { waitUntil: 'domcontentloaded' });
        const file = path.join(out, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
