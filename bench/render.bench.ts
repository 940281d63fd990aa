import { readFileSync } from 'node:fs';
import path from 'node:path';
import mjml2html from 'mjml';
import { EmailRenderer, emailTemplateDir } from '../src/notify/render/email-renderer';
import { SmsRenderer, smsInputFor } from '../src/notify/render/sms-renderer';
import type { MessageInput } from '../src/notify/render/message-input';
import { medianTimesPerCall, type Bench } from './bench-kit';

export const sample: MessageInput = {
  template: 'out_for_delivery',
  locale: 'en',
  timeZone: 'America/New_York',
  merchant: {
    name: 'Juniper & Pine',
    branding: {
      displayName: 'Juniper & Pine',
      primaryColor: '#2f6b4f',
      logoUrl: 'https://cdn.example.com/juniper/logo.png',
      supportEmail: 'help@juniper.example',
    },
  },
  guestName: 'Ada Lovelace',
  orderNumber: '1001',
  items: [
    { name: 'Mug', quantity: 2, imageUrl: 'https://cdn.example.com/mug.jpg' },
    { name: 'Teapot', quantity: 1, imageUrl: 'https://cdn.example.com/teapot.jpg' },
    { name: 'Tea towel', quantity: 1 },
    { name: 'Loose-leaf tea', quantity: 3 },
  ],
  shipments: [
    {
      carrierName: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      status: 'out_for_delivery',
      seenStatuses: ['pending', 'in_transit', 'out_for_delivery'],
      eta: '2026-03-05',
      latest: {
        status: 'out_for_delivery',
        text: 'Out for delivery',
        at: new Date('2026-03-05T12:14:00Z'),
        location: { city: 'Boston', country: 'US' },
      },
    },
  ],
  parcels: { total: 2, delivered: 1 },
  wholeOrderDelivered: false,
  statusUrl: 'https://track.example.com/t/abcdefghijklmnopqrstuv',
  unsubscribeUrl: 'https://track.example.com/u/0123456789abcdef01234567.sig',
};

/**
 * One guest email as sent (MJML compiled at startup, a Handlebars call per message) against
 * compiling its MJML for every message, measured in the same run; and whole messages (email
 * HTML and text, and the SMS) per second on this one core against the same MJML baseline.
 * The three take turns in rounds and each figure is its median round (bench-kit.ts).
 */
export const renderBench: Bench = {
  name: 'render',
  async run({ quick }) {
    const email = await EmailRenderer.create();
    const sms = new SmsRenderer();
    const filePath = path.join(emailTemplateDir, `${sample.template}.mjml`);
    const source = readFileSync(filePath, 'utf8');
    const times = medianTimesPerCall(
      {
        compile: () =>
          mjml2html(source, { filePath, ignoreIncludes: false, validationLevel: 'skip' }),
        email: () => email.render(sample),
        full: () => {
          email.render(sample);
          sms.render(smsInputFor(sample, true));
        },
      },
      quick ? { rounds: 3, ms: 100 } : { rounds: 9, ms: 300 },
    );
    const { compile: compileUs, email: perMessageUs, full: fullUs } = times;
    const ratio = compileUs / perMessageUs;
    const perSecond = 1e6 / fullUs;
    const baselinePerSecond = 1e6 / compileUs;
    return [
      {
        name: 'render-email',
        value: perMessageUs,
        unit: 'us/message',
        baseline: compileUs,
        ratio,
        target: 'ratio>=500x',
        pass: ratio >= 500,
      },
      {
        name: 'render-full',
        value: perSecond,
        unit: 'messages/s',
        baseline: baselinePerSecond,
        ratio: perSecond / baselinePerSecond,
        target: '>=20000/s',
        pass: perSecond >= 20_000,
      },
    ];
  },
};
