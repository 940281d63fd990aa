import { readFileSync } from 'node:fs';
import path from 'node:path';
import mjml2html from 'mjml';
import { EmailRenderer, emailTemplateDir } from '../src/notify/render/email-renderer';
import type { MessageInput } from '../src/notify/render/message-input';

const sample: MessageInput = {
  template: 'out_for_delivery',
  locale: 'en',
  timeZone: 'America/New_York',
  merchant: {
    name: 'Juniper & Pine',
    branding: { displayName: 'Juniper & Pine', primaryColor: '#2f6b4f' },
  },
  orderNumber: '1001',
  items: [
    { name: 'Mug', quantity: 2 },
    { name: 'Teapot', quantity: 1 },
  ],
  shipments: [
    {
      carrierName: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      status: 'out_for_delivery',
      eta: '2026-03-05',
      latest: {
        text: 'Out for delivery',
        at: new Date('2026-03-05T12:14:00Z'),
        location: { city: 'Boston', country: 'US' },
      },
    },
  ],
  wholeOrderDelivered: false,
  statusUrl: 'https://track.example.com/t/abcdefghijklmnopqrstuv',
  unsubscribeUrl: 'https://track.example.com/u/0123456789abcdef01234567.sig',
};

/** Runs `work` repeatedly for about `ms` and returns microseconds per call. */
async function timePerCall(work: () => unknown, ms: number): Promise<number> {
  for (let i = 0; i < 20; i++) await work(); // warm-up
  let calls = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() < until) {
    await work();
    calls++;
  }
  return Number(process.hrtime.bigint() - start) / 1000 / calls;
}

export interface RenderBench {
  perMessageUs: number;
  compileUs: number;
  ok: boolean;
}

/**
 * One guest email as sent (precompiled template, string fill) against compiling its MJML for
 * every message, measured in the same run. Target: under 1 ms a message and at least 20 times
 * cheaper than compiling per send.
 */
export async function renderBench(ms = 2_000): Promise<RenderBench> {
  const renderer = await EmailRenderer.create();
  const filePath = path.join(emailTemplateDir, `${sample.template}.mjml`);
  const source = readFileSync(filePath, 'utf8');
  const compileUs = await timePerCall(
    () => mjml2html(source, { filePath, ignoreIncludes: false, validationLevel: 'skip' }),
    ms,
  );
  const perMessageUs = await timePerCall(() => renderer.render(sample), ms);
  const ratio = compileUs / perMessageUs;
  const ok = perMessageUs < 1_000 && ratio >= 20;
  console.log(
    `email render: ${perMessageUs.toFixed(1)} µs a message (target < 1000 µs); compiling MJML per message: ${compileUs.toFixed(0)} µs; ${ratio.toFixed(0)}x cheaper (target >= 20x) -> ${ok ? 'PASS' : 'FAIL'}`,
  );
  return { perMessageUs, compileUs, ok };
}
