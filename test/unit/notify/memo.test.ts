import { memo } from '../../../src/notify/render/memo';

describe('memo', () => {
  it('when called again with the same arguments, then it answers without computing', () => {
    const compute = jest.fn((a: string, at: Date) => `${a}@${at.getTime()}`);
    const remembered = memo(compute);
    expect(remembered('x', new Date(5))).toBe('x@5');
    expect(remembered('x', new Date(5))).toBe('x@5');
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('when arguments differ only in where a separator falls, then each has its own result', () => {
    const remembered = memo((a: string, b: string) => `${a}/${b}`);
    expect(remembered('a|b', 'c')).toBe('a|b/c');
    expect(remembered('a', 'b|c')).toBe('a/b|c');
  });

  it('when the memo is full, then it starts over and keeps answering correctly', () => {
    const compute = jest.fn((a: string) => a.toUpperCase());
    const remembered = memo(compute, 2);
    for (const a of ['a', 'b', 'c', 'a', 'c']) expect(remembered(a)).toBe(a.toUpperCase());
    expect(compute).toHaveBeenCalledTimes(4); // a, b, c (emptied first), a again; c remembered
  });

  it('when a one-argument memo is full or given dates, then it starts over and keys dates by time', () => {
    const compute = jest.fn((at: Date) => at.getTime() * 2);
    const remembered = memo(compute, 2);
    expect(remembered(new Date(1))).toBe(2);
    expect(remembered(new Date(1))).toBe(2);
    expect(remembered(new Date(2))).toBe(4);
    expect(remembered(new Date(3))).toBe(6); // emptied first
    expect(remembered(new Date(1))).toBe(2);
    expect(compute).toHaveBeenCalledTimes(4);
  });
});
