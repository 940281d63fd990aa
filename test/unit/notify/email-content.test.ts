import { guestPageText } from '../../../src/i18n/guest-page-text';
import { supportedLocales } from '../../../src/i18n/locale';
import type { ShipmentStatus } from '../../../src/tracking/domain/taxonomy';
import { deliveryProgress } from '../../../src/web/status-page/domain/delivery-progress';
import { contrast } from '../../../src/web/status-page/domain/brand-colors';
import { parcelItems } from '../../../src/notify/render/build-message-input';
import { emailColors } from '../../../src/notify/render/email-colors';
import { EmailRenderer } from '../../../src/notify/render/email-renderer';
import { templateNames, type MessageInput } from '../../../src/notify/render/message-input';

function message(overrides: Partial<MessageInput> = {}): MessageInput {
  return {
    template: 'out_for_delivery',
    locale: 'en',
    timeZone: 'Europe/Paris',
    merchant: {
      name: 'Juniper & Pine',
      branding: {
        displayName: 'Juniper & Pine',
        primaryColor: '#2f6b4f',
        supportEmail: 'help@juniper.example',
        logoUrl: 'https://cdn.juniper.example/logo.png',
      },
    },
    guestName: 'Ada Lovelace',
    orderNumber: '1001',
    items: [
      { name: 'Mug', quantity: 2, imageUrl: 'https://cdn.juniper.example/mug.jpg' },
      { name: 'Teapot', quantity: 1 },
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
          status: 'in_transit',
          text: 'Arrived at facility',
          at: new Date('2026-03-03T13:14:00Z'),
          location: { city: 'Lyon', country: 'FR' },
        },
      },
    ],
    wholeOrderDelivered: false,
    statusUrl: 'https://track.example.com/t/abcdefghijklmnopqrstuv',
    unsubscribeUrl: 'https://track.example.com/u/0123456789abcdef01234567.sig',
    ...overrides,
  };
}

describe('email content', () => {
  let renderer: EmailRenderer;
  beforeAll(async () => {
    renderer = await EmailRenderer.create();
  });

  it('when an item is named like a placeholder, then it is shown as written and nothing expands', () => {
    const email = renderer.render(
      message({ items: [{ name: '{{subject}} {order} {{{intro}}}', quantity: 1 }] }),
    );
    expect(email.html).toContain('{{subject}} {order} {{{intro}}}');
    expect(email.text).toContain('{{subject}} {order} {{{intro}}}');
    const plain = renderer.render(message());
    expect(email.html.match(/Out for delivery today: order 1001/g)).toHaveLength(
      plain.html.match(/Out for delivery today: order 1001/g)?.length ?? 0,
    );
  });

  it('when values carry line breaks or leave parts out, then the text never shows two blank lines in a row', () => {
    const { text } = renderer.render(
      message({ shipments: [], items: [{ name: 'Mug\n\n\n\nLid', quantity: 1 }], guestName: ' ' }),
    );
    expect(text).toContain('- 1 × Mug\n\nLid');
    expect(text).not.toMatch(/\n{3}/);
    expect(text).toBe(text.trim());
  });

  it('when an item is named "Colour #0B0C0D", then its name keeps that colour code', () => {
    const email = renderer.render(message({ items: [{ name: 'Colour #0B0C0D', quantity: 1 }] }));
    expect(email.html).toContain('Colour #0B0C0D');
    expect(email.text).toContain('Colour #0B0C0D');
  });

  it.each(templateNames)(
    'when %s is rendered, then it loads no web font and names no third-party font host',
    (template) => {
      const { html } = renderer.render(message({ template }));
      expect(html).not.toMatch(/fonts\.googleapis|fonts\.gstatic|@import|<link[^>]+font|Roboto/i);
    },
  );

  it.each(['#ffffff', '#fffbe6', '#f3f4f6', '#ffd500'])(
    'when the brand colour is %s, then the header and button stand out from white and their text reads at 4.5:1',
    (primary) => {
      const colors = emailColors(primary);
      expect(contrast(colors.headerBg, '#ffffff')).toBeGreaterThanOrEqual(3);
      expect(contrast(colors.buttonBg, '#ffffff')).toBeGreaterThanOrEqual(3);
      expect(contrast(colors.headerText, colors.headerBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colors.buttonText, colors.buttonBg)).toBeGreaterThanOrEqual(4.5);
      const { html } = renderer.render(
        message({
          merchant: { name: 'Pale', branding: { displayName: 'Pale', primaryColor: primary } },
        }),
      );
      expect(html).toContain(colors.headerBg);
    },
  );

  it('when a brand colour is dark enough, then the email uses it as it is', () => {
    expect(emailColors('#2f6b4f')).toMatchObject({ headerBg: '#2f6b4f', headerText: '#ffffff' });
  });

  it('when the shop and guest names are right-to-left, then they are isolated in HTML and text', () => {
    const email = renderer.render(
      message({
        guestName: 'أمل حداد',
        merchant: {
          name: 'متجر الورد',
          branding: { displayName: 'متجر الورد 24', primaryColor: '#2f6b4f' },
        },
        items: [{ name: 'كوب 2', quantity: 2 }],
      }),
    );
    expect(email.html).toContain('<bdi>متجر الورد 24</bdi>');
    expect(email.html).toContain('<bdi>كوب 2</bdi>');
    expect(email.html).toContain('Hi \u2068أمل\u2069,');
    expect(email.text).toContain('\u2068متجر الورد 24\u2069');
    expect(email.text).toContain('- 2 × \u2068كوب 2\u2069');
  });

  it('when an email is in French, then every colon, semicolon, ! and ? follows a no-break space', () => {
    for (const template of templateNames) {
      const email = renderer.render(message({ template, locale: 'fr' }));
      const prose = email.text.replace(/https?:\/\/\S+|mailto:\S+/g, '');
      expect(prose).not.toMatch(/[^\u00a0\s][:;!?](\s|$)| [:;!?]/);
    }
  });

  it.each(supportedLocales)(
    'when the carrier writes in English and the email is in %s, then the localized status comes first',
    (locale) => {
      const email = renderer.render(message({ locale }));
      const label = { en: 'On its way', es: 'En camino', fr: 'En route', de: 'Unterwegs' }[locale];
      const colon = locale === 'fr' ? '\u00a0: ' : ': ';
      expect(email.text).toContain(`${label}${colon}Arrived at facility`);
      expect(email.html).toContain(`${label}${colon}Arrived at facility`);
    },
  );

  it('when a parcel is on its way, then the email shows logo, greeting, estimate, progress, tracking link and thumbnails', () => {
    const { html, text } = renderer.render(message());
    expect(html).toContain('src="https://cdn.juniper.example/logo.png" alt="Juniper &amp; Pine"');
    expect(html).toContain('Hi Ada,');
    expect(html).toMatch(/Estimated delivery<\/p><p[^>]*font-size:26px[^>]*>Thursday, March 5</);
    for (const step of ['Ordered', 'Shipped', 'Out for delivery', 'Delivered'])
      expect(html).toContain(`>${step}</td>`);
    expect(html).toContain('href="https://www.ups.com/track?tracknum&#x3D;1Z999AA10123456784"');
    expect(html).toContain('<img src="https://cdn.juniper.example/mug.jpg" alt=""');
    expect(html).toMatch(/>\s*Track your order\s*</);
    expect(text).toContain('Hi Ada,');
    expect(text).toContain('Step 3 of 4: Out for delivery');
  });

  it("when the statuses seen differ, then the progress bar is the status page's for exactly those statuses", () => {
    const cases: Array<[ShipmentStatus, ShipmentStatus[]]> = [
      ['delivered', ['pending', 'in_transit', 'available_for_pickup']],
      ['delivered', ['in_transit', 'out_for_delivery']],
      ['exception', ['pending', 'in_transit', 'out_for_delivery']],
      ['exception', []],
      ['in_transit', ['pending']],
    ];
    for (const [status, seenStatuses] of cases) {
      const [first] = message().shipments;
      const { text } = renderer.render(
        message({ template: 'delivered', shipments: [{ ...first!, status, seenStatuses }] }),
      );
      const expected = deliveryProgress(status, seenStatuses, guestPageText.en);
      expect(text).toContain(expected.text);
    }
    const pickedUp = renderer.render(
      message({
        template: 'delivered',
        shipments: [
          {
            ...message().shipments[0]!,
            status: 'delivered',
            seenStatuses: ['in_transit', 'available_for_pickup'],
          },
        ],
      }),
    );
    expect(pickedUp.html).toContain('>Ready for pickup</td>');
    expect(pickedUp.html).not.toContain('>Out for delivery</td>');
  });

  it('when the plain-text part is read, then it carries the latest update and the support contact', () => {
    const { text } = renderer.render(message({ template: 'exception' }));
    expect(text).toContain('What happened: On its way: Arrived at facility · Lyon');
    expect(text).toContain('What you can do: The carrier reported an issue');
    expect(text).toContain('Questions? Contact help@juniper.example');
  });

  it('when an order ships in two parcels, then the email says how many arrived and lists this parcel only', () => {
    const items = [
      { name: 'Mug', quantity: 1, trackingNumber: '1Z999AA10123456784' },
      { name: 'Lamp', quantity: 1, trackingNumber: '9400100000000000000000' },
    ];
    const mine = parcelItems(items, [{ trackingNumber: '1Z999AA10123456784' }]);
    expect(mine.map((i) => i.name)).toEqual(['Mug']);
    expect(parcelItems([{ name: 'Any', quantity: 1 }], [{ trackingNumber: 'x' }])).toHaveLength(1);
    const { html, text } = renderer.render(
      message({ template: 'delivered', items: mine, parcels: { total: 2, delivered: 1 } }),
    );
    expect(html).toContain('1 of 2 parcels delivered');
    expect(text).toContain('1 of 2 parcels delivered');
    expect(html).not.toContain('Lamp');
  });

  it('when a parcel holds many items, then a few are listed and the rest counted', () => {
    const items = ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name, quantity: 1 }));
    const { html, text } = renderer.render(message({ items }));
    expect(html).toContain('+2 more');
    expect(html).not.toContain('<bdi>D</bdi>');
    expect(text).toContain('+2 more');
  });

  it.each([
    [
      'delivered',
      'Report a problem',
      'mailto:help@juniper.example?subject=Problem%20with%20order%201001',
    ],
    ['exception', 'Contact Juniper &amp; Pine', 'mailto:help@juniper.example'],
    ['failed_attempt', 'Contact Juniper &amp; Pine', 'mailto:help@juniper.example'],
  ] as const)(
    'when a %s email is rendered, then its button offers "%s" rather than tracking',
    (template, label, href) => {
      const { html } = renderer.render(message({ template }));
      expect(html).toMatch(new RegExp(`>\\s*${label}\\s*<`));
      expect(html).toContain(`href="${href.replace(/=/g, '&#x3D;')}"`);
      expect(html).not.toMatch(/>\s*Track your order\s*</);
    },
  );

  it('when an exception email is rendered, then it says what happened and what the guest can do', () => {
    const { html } = renderer.render(
      message({
        template: 'exception',
        shipments: [
          {
            ...message().shipments[0]!,
            status: 'exception',
            latest: { status: 'exception', text: 'Address incomplete', at: new Date() },
          },
        ],
      }),
    );
    expect(html).toContain('What happened');
    expect(html).toContain('Needs attention: Address incomplete');
    expect(html).toContain('What you can do');
  });

  it('when any email is rendered in any language, then no copy blames the guest for missing the carrier', () => {
    for (const template of templateNames)
      for (const locale of supportedLocales) {
        const { subject, text } = renderer.render(message({ template, locale }));
        expect(`${subject}\n${text}`).not.toMatch(
          /missed you|no te encontramos|vous étiez absent|nicht angetroffen/i,
        );
      }
  });
});
