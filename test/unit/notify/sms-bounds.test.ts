import fc from 'fast-check';
import { supportedLocales } from '../../../src/i18n/locale';
import { gsmBrand } from '../../../src/notify/domain/sms-brand';
import { smsKeyword } from '../../../src/notify/domain/sms-keywords';
import { templateNames } from '../../../src/notify/render/message-input';
import { SmsRenderer, smsBrands } from '../../../src/notify/render/sms-renderer';

const renderer = new SmsRenderer();

/** Names as shops really write them: any script, emoji, symbols, long or one letter. */
const shopName = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  fc.constantFrom(
    'Łódź Ceramics',
    '🌿 Green Leaf 🌿',
    'متجر الورد',
    '東京ストア',
    'Café ☕ Crème',
    'Ωmega & Sons',
    'X',
    'The Very Long Name Outdoor Supply Company of Greater Northern Vermont',
  ),
);
const statusUrl = fc
  .tuple(
    fc.domain().filter((d) => d.length <= 50),
    fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'),
      minLength: 22,
      maxLength: 22,
    }),
  )
  .map(([host, token]) => `https://${host}/t/${token}`);
const orderNumber = fc.stringMatching(/^[A-Z0-9-]{1,20}$/);

describe('SMS length', () => {
  it('when any shop name, link, order, language and milestone are texted, then the text fits in two segments', () => {
    fc.assert(
      fc.property(
        shopName,
        fc.option(shopName, { nil: undefined }),
        statusUrl,
        orderNumber,
        fc.constantFrom(...supportedLocales),
        fc.constantFrom(...templateNames),
        fc.boolean(),
        (displayName, name, url, order, locale, template, first) => {
          const sms = renderer.render({
            template,
            locale,
            brands: smsBrands({
              name: name ?? displayName,
              branding: { displayName, primaryColor: '#000000' },
            }),
            orderNumber: order,
            statusUrl: url,
            eta: template === 'delayed' ? '2026-12-24' : undefined,
            includeOptOut: first,
          });
          expect(sms.segments.segments).toBeLessThanOrEqual(2);
          expect(sms.body).toContain(url);
          expect(sms.body).toContain(order);
          if (first) expect(sms.body).toContain('STOP');
        },
      ),
      { numRuns: 400 },
    );
  });

  it.each([
    ['Łódź Ceramics', 'Lodz Ceramics'],
    ['🌿 Green Leaf 🌿', 'Green Leaf'],
    ['Café ☕ Crème', 'Café Crème'],
    ['متجر الورد', undefined],
    ['東京ストア Tokyo', 'Tokyo'],
    ['東京ストア', undefined],
  ])('when the shop is called %s, then its GSM-7 spelling is %s', (name, spelled) => {
    expect(gsmBrand(name)).toBe(spelled);
  });

  it('when a shop name has one character outside GSM-7, then the text stays GSM-7 with the name spelled plainly', () => {
    const sms = renderer.render({
      template: 'out_for_delivery',
      locale: 'en',
      brands: ['Łódź Ceramics ✨'],
      orderNumber: '1001',
      statusUrl: 'https://t.example.com/t/AbCdEfGhIjKlMnOpQrStUv',
      includeOptOut: true,
    });
    expect(sms.segments.encoding).toBe('GSM-7');
    expect(sms.body.startsWith('Lodz Ceramics: order 1001')).toBe(true);
  });

  it('when the name has no Latin spelling and fits, then it is kept as written and isolated', () => {
    const sms = renderer.render({
      template: 'delivered',
      locale: 'en',
      brands: ['متجر'],
      orderNumber: '7',
      statusUrl: 'https://t.example/t/x',
      includeOptOut: false,
    });
    expect(sms.body.startsWith('\u2068متجر\u2069: order 7')).toBe(true);
    expect(sms.segments.segments).toBeLessThanOrEqual(2);
  });

  it('when an Arabic-named shop sends its first text, then the text falls back to its support domain to stay within two segments', () => {
    const sms = renderer.render({
      template: 'stalled',
      locale: 'fr',
      brands: smsBrands({
        name: 'متجر الورد الكبير للهدايا',
        branding: {
          displayName: 'متجر الورد الكبير للهدايا',
          primaryColor: '#000000',
          supportEmail: 'aide@warda.example',
        },
      }),
      orderNumber: 'ORD-2026-000123',
      statusUrl: 'https://track.example-merchant.com/t/AbCdEfGhIjKlMnOpQrStUv',
      includeOptOut: true,
    });
    expect(sms.body.startsWith('warda.example : ')).toBe(true);
    expect(sms.segments).toMatchObject({ encoding: 'GSM-7' });
    expect(sms.segments.segments).toBeLessThanOrEqual(2);
  });
});

describe('SMS wording', () => {
  it.each(supportedLocales)(
    'when the first text goes to a number in %s, then it carries the brand, rates and HELP/STOP wording',
    (locale) => {
      const sms = renderer.render({
        template: 'shipped',
        locale,
        brands: ['Juniper & Pine'],
        orderNumber: '1001',
        statusUrl: 'https://t.example/t/x',
        includeOptOut: true,
      });
      expect(sms.body.startsWith('Juniper & Pine')).toBe(true);
      expect(sms.body).toMatch(/HELP/);
      expect(sms.body).toMatch(/STOP/);
      if (locale === 'en')
        expect(sms.body).toContain(
          'Msg & data rates may apply. Reply HELP for help, STOP to opt out.',
        );
    },
  );

  it.each([
    ['en', 'New estimated delivery: Thursday, December 24.'],
    ['es', 'Nueva fecha estimada: jueves, 24 de diciembre.'],
    ['fr', 'Nouvelle date estimée : jeudi 24 décembre.'],
    ['de', 'Neuer voraussichtlicher Termin: Donnerstag, 24. Dezember.'],
  ] as const)('when a delay is texted in %s, then it says the new date', (locale, sentence) => {
    const sms = renderer.render({
      template: 'delayed',
      locale,
      brands: ['Shop'],
      orderNumber: '1',
      statusUrl: 'https://t.example/t/x',
      eta: '2026-12-24',
      includeOptOut: false,
    });
    expect(sms.body).toContain(sentence);
  });

  it('when a delay has no new date yet, then the text reads without a gap', () => {
    const sms = renderer.render({
      template: 'delayed',
      locale: 'en',
      brands: ['Shop'],
      orderNumber: '1',
      statusUrl: 'https://t.example/t/x',
      includeOptOut: false,
    });
    expect(sms.body).toBe('Shop: order 1 is delayed. Details: https://t.example/t/x');
  });

  it.each([
    ['STOP', 'stop'],
    ['stopall', 'stop'],
    ['Unsubscribe', 'stop'],
    ['cancel', 'stop'],
    ['END', 'stop'],
    ['quit', 'stop'],
    ['REVOKE', 'stop'],
    ['optout', 'stop'],
    [' Stop. ', 'stop'],
    ['START', 'start'],
    ['unstop', 'start'],
    ['yes', 'start'],
    ['HELP', 'help'],
    ['info', 'help'],
    ['stop sending me these', undefined],
    ['hello', undefined],
  ])('when a guest texts "%s", then it is read as %s', (body, keyword) => {
    expect(smsKeyword(body)).toBe(keyword);
  });
});
