import fc from 'fast-check';
import Handlebars from 'handlebars';
import { compileEmailTemplates } from '../../../src/notify/render/email-renderer';
import type { EmailView } from '../../../src/notify/render/email-view';
import type { EmailWording } from '../../../src/notify/render/email-wording';
import { HtmlText } from '../../../src/notify/render/html-escape';
import { compileHtmlTemplate } from '../../../src/notify/render/html-template';

const hostile = '<b>"Juniper" & \'Pine\'</b> `=` {{subject}}';

const copy: EmailWording = {
  lang: 'en',
  headline: `Out for delivery ${hostile}`,
  latestHeading: 'Latest update',
  whatToDo: 'What you can do',
  advice: `Wait & see: ${hostile}`,
  trackingNumber: 'Tracking number',
  support: 'Questions?',
  helpCenter: 'Help',
  unsubscribe: 'Unsubscribe',
};

const t = (text: string) => HtmlText.of(text);

function view(overrides: Partial<EmailView> = {}): EmailView {
  return {
    copy,
    subject: t(`Order ${hostile}`),
    preheader: t('Preheader'),
    merchant: t(hostile),
    logoUrl: 'https://cdn.example.com/logo.png?a=1&b=2',
    colors: {
      headerBg: t('#2f6b4f'),
      headerText: t('#ffffff'),
      buttonBg: t('#2f6b4f'),
      buttonText: t('#ffffff'),
      accent: t('#2f6b4f'),
    },
    greeting: t('Hi Ada,'),
    intro: t('Intro'),
    latest: hostile,
    eta: { label: t('Estimated delivery'), date: t('Thursday, March 5') },
    progress: {
      text: t('Step 3 of 4'),
      steps: [
        { label: t('Ordered'), upcoming: false, current: false },
        { label: t('Out <now>'), upcoming: false, current: true },
        { label: t('Delivered'), upcoming: true, current: false },
      ],
    },
    parcels: t('1 of 2 parcels delivered'),
    wholeOrder: t('All here'),
    cta: { label: t('Track'), url: 'https://t.example/t/x?a=1&b="2"' },
    secondary: { label: t('More'), url: 'https://t.example/t/y' },
    shipments: [
      {
        status: t('On its way'),
        carrier: t(hostile),
        trackingNumber: '1Z',
        trackingUrl: 'https://ups.example/t?n=1Z',
      },
      { status: t('Delivered'), carrier: t('DHL'), trackingNumber: '2' },
    ],
    orderTitle: t('Order 1001'),
    items: [
      { name: hostile, quantity: 2, imageUrl: 'https://cdn.example.com/a.jpg' },
      { name: 'Teapot', quantity: 0 },
    ],
    hasImages: true,
    moreItems: t('+2 more'),
    support: { email: 'help@example.com', url: 'https://help.example' },
    why: t('Because'),
    unsubscribeUrl: 'https://t.example/u/x',
    ...overrides,
  };
}

describe('compiled email markup', () => {
  let templates: Map<string, string>;
  beforeAll(async () => {
    templates = await compileEmailTemplates();
  });

  const views: Array<[string, EmailView]> = [
    ['every part present', view()],
    [
      'optional parts missing',
      view({
        logoUrl: undefined,
        greeting: undefined,
        latest: undefined,
        eta: undefined,
        parcels: undefined,
        wholeOrder: undefined,
        secondary: undefined,
        shipments: [],
        items: [],
        hasImages: false,
        moreItems: undefined,
        support: undefined,
      }),
    ],
  ];
  it.each(views)(
    'when every template renders a view with %s, its words fixed or not, then the HTML is exactly what Handlebars renders',
    (_case, v) => {
      for (const html of templates.values()) {
        const handlebars = Handlebars.create().compile<EmailView>(html, {
          knownHelpersOnly: true,
          data: false,
        });
        expect(compileHtmlTemplate<EmailView>(html)(v)).toBe(handlebars(v));
        expect(compileHtmlTemplate<EmailView>(html, { copy: v.copy })(v)).toBe(handlebars(v));
      }
    },
  );

  it('when words are fixed at compile time, then they are written in escaped and an #if on them is decided then', () => {
    const render = compileHtmlTemplate<object>(
      '<h1>{{copy.title}}</h1>{{#if copy.note}}[{{copy.note}}]{{else}}-{{/if}}{{#each items}}{{../copy.label}}{{name}}{{/each}}',
      { copy: { title: 'A & B', label: 'Item: ' } },
    );
    expect(render({ items: [{ name: '<x>' }] })).toBe('<h1>A &amp; B</h1>-Item: &lt;x&gt;');
    expect(render({ copy: { title: 'changed' }, items: [] })).toBe('<h1>A &amp; B</h1>-');
  });

  it('when a fixed path names no text, then compiling fails at startup', () => {
    expect(() => compileHtmlTemplate('{{copy.titel}}', { copy: { title: 'x' } })).toThrow(
      /not supported/,
    );
  });

  it('when a value holds markup or placeholders, then it is escaped and never expanded', () => {
    const render = compileHtmlTemplate<{ name: string }>('<p title="{{name}}">{{name}}</p>');
    expect(render({ name: '<i>{{name}}</i> & "x"' })).toBe(
      '<p title="&lt;i&gt;{{name}}&lt;/i&gt; &amp; &quot;x&quot;">&lt;i&gt;{{name}}&lt;/i&gt; &amp; &quot;x&quot;</p>',
    );
  });

  it('when any text or number is written into the markup, then it is escaped exactly as Handlebars escapes it', () => {
    const render = compileHtmlTemplate<{ value: unknown }>('{{value}}');
    const text = fc.string({ unit: fc.constantFrom(...'&<>"\'`=a é😀\n') });
    fc.assert(
      fc.property(
        fc.oneof(text, fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean()),
        (value) => {
          expect(render({ value })).toBe(Handlebars.Utils.escapeExpression(value as string));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('when the markup holds quotes, backslashes, ${} and line separators, then it is copied as written', () => {
    const markup = 'a"b\'c`d${e}\\n\u2028\u2029</script>{{[x"]}}";\n{{[y\'}]}}';
    const render = compileHtmlTemplate<object>(markup);
    expect(render({ 'x"]': 1, "y'}": 'z' })).toBe(
      Handlebars.compile(markup, { knownHelpersOnly: true, data: false })({
        'x"]': 1,
        "y'}": 'z',
      }),
    );
  });

  it.each([
    '{{constructor}}',
    '{{toString}}',
    '{{a.__proto__}}',
    '{{#each a}}{{map}}{{/each}}',
    '{{#if a.hasOwnProperty}}x{{/if}}',
    '{{name.charAt}}',
  ])('when a path names a built-in property (%s), then compiling fails at startup', (source) => {
    expect(() => compileHtmlTemplate(source)).toThrow(/not the built-in/);
  });

  it('when a view lacks a value, then its path renders nothing, as in Handlebars', () => {
    const render = compileHtmlTemplate<object>(
      '[{{a.b.c}}][{{missing}}][{{list.length}}][{{n.x}}]',
    );
    expect(render({ a: {}, list: [1, 2], n: 5 })).toBe('[][][2][]');
    expect(render({ a: {}, list: [1, 2], n: 5 })).toBe(
      Handlebars.compile('[{{a.b.c}}][{{missing}}][{{list.length}}][{{n.x}}]')({
        a: {},
        list: [1, 2],
        n: 5,
      }),
    );
  });

  it.each([
    ['triple braces', '{{{raw}}}'],
    ['a helper call', '{{lookup a b}}'],
    ['an unknown block', '{{#with a}}x{{/with}}'],
    ['a partial', '{{> footer}}'],
    ['@data', '{{#each a}}{{@index}}{{/each}}'],
    ['block parameters', '{{#each a as |x|}}{{x}}{{/each}}'],
    ['#if with options', '{{#if a includeZero=true}}x{{/if}}'],
  ])('when the markup uses %s, then compiling it fails at startup', (_case, source) => {
    expect(() => compileHtmlTemplate(source)).toThrow(/not supported/);
  });
});
