import { readFileSync } from 'node:fs';
import path from 'node:path';
import mjml2html from 'mjml';
import { supportedLocales } from '../../../src/i18n/locale';
import { countSegments, toGsm7 } from '../../../src/notify/domain/gsm';
import { EmailRenderer, emailTemplateDir } from '../../../src/notify/render/email-renderer';
import { templateNames, type MessageInput } from '../../../src/notify/render/message-input';
import { SmsRenderer } from '../../../src/notify/render/sms-renderer';

function message(template: MessageInput['template'], locale: MessageInput['locale']): MessageInput {
  return {
    template,
    locale,
    timeZone: 'Europe/Paris',
    merchant: {
      name: 'Juniper & Pine',
      branding: {
        displayName: 'Juniper <b>& Pine</b>',
        primaryColor: '#2f6b4f',
        supportEmail: 'help@juniper.example',
      },
    },
    orderNumber: '1001',
    items: [{ name: 'Mug "<script>"', quantity: 2 }],
    shipments: [
      {
        carrierName: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        status: 'in_transit',
        eta: '2026-03-05',
        latest: {
          text: 'Arrived at facility',
          at: new Date('2026-03-03T13:14:00Z'),
          location: { city: 'Lyon', country: 'FR' },
        },
      },
    ],
    wholeOrderDelivered: template === 'delivered',
    statusUrl: 'https://track.example.com/t/abcdefghijklmnopqrstuv',
    unsubscribeUrl: 'https://track.example.com/u/0123456789abcdef01234567.sig',
  };
}

describe('email templates', () => {
  let renderer: EmailRenderer;
  beforeAll(async () => {
    renderer = await EmailRenderer.create();
  });

  it.each(templateNames)(
    'when %s.mjml is validated strictly, then MJML reports zero errors',
    async (name) => {
      const filePath = path.join(emailTemplateDir, `${name}.mjml`);
      const result = await mjml2html(readFileSync(filePath, 'utf8'), {
        validationLevel: 'strict',
        filePath,
        ignoreIncludes: false,
      });
      expect(result.errors).toEqual([]);
    },
  );

  const cases = templateNames.flatMap((t) => supportedLocales.map((l) => [t, l] as const));
  it.each(cases)(
    'when %s is rendered in %s, then it shows the milestone, order, items, link and escapes merchant text',
    (template, locale) => {
      const email = renderer.render(message(template, locale));
      expect(email.subject).toContain('1001');
      expect(email.html).toContain(`lang="${locale}"`);
      expect(email.html).toContain('href="https://track.example.com/t/abcdefghijklmnopqrstuv"');
      expect(email.html).toContain('https://track.example.com/u/0123456789abcdef01234567.sig');
      expect(email.html).toContain('Juniper &lt;b&gt;&amp; Pine&lt;/b&gt;');
      expect(email.html).toContain('Mug &quot;&lt;script&gt;&quot;');
      expect(email.html).not.toContain('<script>');
      expect(email.html).not.toMatch(/\{\{|#0b0c0d|#0e0f10/i);
      expect(email.html).toContain('#2f6b4f');
      expect(email.text).toContain('https://track.example.com/t/abcdefghijklmnopqrstuv');
      expect(email.text).toContain('1Z999AA10123456784');
      expect(email.text).toContain('Mug "<script>"');
    },
  );

  it('when a message is localized, then its words and dates are in that language and the guest\u2019s zone', () => {
    const fr = renderer.render(message('shipped', 'fr'));
    expect(fr.subject).toBe('Votre commande 1001 a été expédiée');
    expect(fr.text).toContain('En route');
    expect(fr.text).toMatch(/jeudi 5 mars/);
    expect(fr.html).toContain('14:14'); // 13:14 UTC shown in Paris time
    const de = renderer.render(message('delivered', 'de'));
    expect(de.subject).toBe('Zugestellt: Bestellung 1001');
    expect(de.text).toContain('Ihre gesamte Bestellung ist angekommen.');
  });
});

describe('estimates in emails', () => {
  it("when Porchlight estimated the window, then the email names it as Porchlight's estimate", async () => {
    const renderer = await EmailRenderer.create();
    const input = message('stalled', 'en');
    input.shipments = [
      {
        ...input.shipments[0]!,
        eta: undefined,
        estimate: { from: '2026-12-01', to: '2026-12-02', source: 'porchlight' },
      },
    ];
    const email = renderer.render(input);
    expect(email.text).toMatch(/Porchlight's estimate: Tue, Dec 1\s–\sWed, Dec 2/);
    expect(email.html).toMatch(/Porchlight(&#39;|&#x27;|')s estimate/);
  });
});

describe('SMS templates', () => {
  const renderer = new SmsRenderer();
  const cases = templateNames.flatMap((t) => supportedLocales.map((l) => [t, l] as const));

  it.each(cases)(
    'when %s is texted in %s with a long merchant name and the opt-out line, then it fits in two GSM-7 segments',
    (template, locale) => {
      const sms = renderer.render({
        template,
        locale,
        brands: ['The Very Long Name Outdoor Supply Company'],
        orderNumber: 'ORD-2026-000123',
        statusUrl: 'https://track.example-merchant.com/t/AbCdEfGhIjKlMnOpQrStUv',
        includeOptOut: true,
      });
      expect(sms.segments.encoding).toBe('GSM-7');
      expect(sms.segments.segments).toBeLessThanOrEqual(2);
      expect(sms.body).toContain('https://track.example-merchant.com/t/AbCdEfGhIjKlMnOpQrStUv');
      expect(sms.body).toContain('STOP');
    },
  );

  it('when it is not the first text to the number, then the opt-out line is left out', () => {
    const sms = renderer.render({
      template: 'delivered',
      locale: 'en',
      brands: ['Shop'],
      orderNumber: '1',
      statusUrl: 'https://x/t/a',
      includeOptOut: false,
    });
    expect(sms.body).toBe('Shop: order 1 has been delivered. Details: https://x/t/a');
    expect(sms.segments).toEqual({ encoding: 'GSM-7', units: sms.body.length, segments: 1 });
  });

  it('when segments are counted, then GSM-7, its extension table and UCS-2 follow the standard sizes', () => {
    expect(countSegments('a'.repeat(160)).segments).toBe(1);
    expect(countSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSegments('€'.repeat(80)).segments).toBe(1);
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    expect(countSegments('😀'.repeat(35)).segments).toBe(1);
    expect(countSegments('😀'.repeat(36))).toEqual({ encoding: 'UCS-2', units: 72, segments: 2 });
    expect(toGsm7('está aquí, l’été — ça')).toBe("esta aqui, l'été - ça".replace('ç', 'c'));
  });
});
