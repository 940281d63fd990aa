import { fillText } from '../../../src/notify/render/fill-text';

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
