import { readFileSync } from 'node:fs';
import path from 'node:path';
import mjml2html from 'mjml';
import { EmailRenderer, emailTemplateDir } from '../src/notify/render/email-renderer';
import type { MessageInput } from '../src/notify/render/message-input';
import { timePerCall, type Bench } from './bench-kit';

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

/**
 * One guest email as sent (precompiled template, per-message fill) against compiling its MJML
 * for every message, measured in the same run.
 */
export const renderBench: Bench = {
  name: 'render',
  async run({ quick }) {
    const ms = quick ? 300 : 2_000;
    const renderer = await EmailRenderer.create();
    const filePath = path.join(emailTemplateDir, `${sample.template}.mjml`);
    const source = readFileSync(filePath, 'utf8');
    const compileUs = await timePerCall(
      () => mjml2html(source, { filePath, ignoreIncludes: false, validationLevel: 'skip' }),
      ms,
    );
    const perMessageUs = await timePerCall(() => renderer.render(sample), ms);
    const ratio = compileUs / perMessageUs;
    return [
      {
        name: 'render-email',
        value: perMessageUs,
        unit: 'us/message',
        baseline: compileUs,
        ratio,
        target: 'ratio>=20x',
        pass: ratio >= 20,
      },
    ];
  },
};
