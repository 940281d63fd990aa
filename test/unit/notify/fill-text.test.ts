import fc from 'fast-check';
import Handlebars from 'handlebars';
import { fillHtmlText, fillText } from '../../../src/notify/render/fill-text';
import { escapeHtml, HtmlText } from '../../../src/notify/render/html-escape';

describe('filling copy', () => {
  it('when a value holds a placeholder, then it stays as written and is not filled again', () => {
    expect(fillText('{merchant}: order {order}', { merchant: '{order}', order: '7' })).toBe(
      '{order}: order 7',
    );
  });

  it('when the same copy is filled twice, then each fill uses its own values', () => {
    const template = 'Hi {name}, {count} more {missing}.';
    expect(fillText(template, { name: 'Ada', count: '2' })).toBe('Hi Ada, 2 more .');
    expect(fillText(template, { name: 'Bo', count: '3' })).toBe('Hi Bo, 3 more .');
  });

  it('when copy has no placeholder or an unbalanced brace, then it is returned as it is', () => {
    expect(fillText('Delivered.', {})).toBe('Delivered.');
    expect(fillText('{ order} {order', { order: '1' })).toBe('{ order} {order');
  });
});

describe('filling copy as text and HTML at once', () => {
  const hostileUnit = fc.constantFrom(...'&<>"\'`=a é{}\u2068'.split(''), '{order}', '{name}');

  it('when copy and values hold any characters, then the HTML is exactly the escaped text and the text is the plain fill', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: hostileUnit }),
        fc.string({ unit: hostileUnit }),
        fc.string({ unit: hostileUnit }),
        (template, order, name) => {
          const filled = fillHtmlText(template, {
            order: HtmlText.of(order),
            name: HtmlText.of(name),
          });
          expect(filled.text).toBe(fillText(template, { order, name }));
          expect(filled.html).toBe(escapeHtml(filled.text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('when a value is missing, then it fills as nothing, as in text', () => {
    const filled = fillHtmlText('A & {missing}<{order}>', { order: HtmlText.of('"7"') });
    expect(filled.text).toBe('A & <"7">');
    expect(filled.html).toBe('A &amp; &lt;&quot;7&quot;&gt;');
  });

  it('when parts are joined, then the HTML is the escaped join and a template writes it as it is', () => {
    const joined = HtmlText.join([HtmlText.of('Tom & '), undefined, HtmlText.of('<Jerry>')]);
    expect(joined.text).toBe('Tom & <Jerry>');
    expect(joined.html).toBe(escapeHtml('Tom & <Jerry>'));
    expect(escapeHtml(joined)).toBe('Tom &amp; &lt;Jerry&gt;');
    expect(Handlebars.compile('{{v}}')({ v: joined })).toBe('Tom &amp; &lt;Jerry&gt;');
  });
});
