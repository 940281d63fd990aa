import {
  parseCarrierTime,
  parseUtcOffset,
  stableEventIds,
} from '../../../src/tracking/carriers/normalize';

describe('carrier answer normalization', () => {
  it('when a time carries an offset, then the instant is exact and the offset kept', () => {
    expect(parseCarrierTime('2026-03-04T09:15:00-05:00')).toEqual({
      at: new Date('2026-03-04T14:15:00.000Z'),
      offset: -300,
    });
    expect(parseCarrierTime('2026-03-04T09:15:00+0530').offset).toBe(330);
    expect(parseCarrierTime('2026-03-04T09:15:00Z').offset).toBe(0);
  });

  it('when a time has no offset, then it is kept as wall-clock time and flagged', () => {
    expect(parseCarrierTime('2026-03-04T09:15:00')).toEqual({
      at: new Date('2026-03-04T09:15:00.000Z'),
      offset: null,
    });
  });

  it.each([
    ['-05:00', -300],
    ['+0530', 330],
    ['-06', -360],
    ['Z', 0],
    ['', null],
    ['EST', null],
  ])('when the offset is %p, then it is %p minutes', (designator, minutes) => {
    expect(parseUtcOffset(designator)).toBe(minutes);
  });

  it('when a new scan is listed first, then the older scans keep their identities', () => {
    const first = stableEventIds('x:1', ['t1:A', 't2:B']);
    const second = stableEventIds('x:1', ['t3:C', 't1:A', 't2:B']);
    expect(second.slice(1)).toEqual(first);
  });

  it('when two scans are identical, then they still get distinct identities', () => {
    expect(stableEventIds('x:1', ['t1:A', 't1:A'])).toEqual(['x:1:t1:A', 'x:1:t1:A#2']);
  });
});
