import {
  addBusinessDays,
  atLocal,
  businessDaysAfter,
  businessHoursBetween,
  dateToDay,
  dayToDate,
  localDay,
} from '../../../../src/tracking/estimate/business-calendar';
import { upsCalendar } from './estimate-fixtures';

const day = dateToDay;

describe('business calendar', () => {
  it('when a parcel picked up on Friday arrives on Monday, then it took one business day', () => {
    expect(businessDaysAfter(day('2026-03-06'), day('2026-03-09'), upsCalendar)).toBe(1);
    expect(dayToDate(addBusinessDays(day('2026-03-06'), 1, upsCalendar))).toBe('2026-03-09');
  });

  it("when the carrier's holiday falls in between, then it is skipped like a weekend", () => {
    // Thanksgiving, Thursday 2026-11-26.
    expect(dayToDate(addBusinessDays(day('2026-11-25'), 1, upsCalendar))).toBe('2026-11-27');
    expect(businessDaysAfter(day('2026-11-25'), day('2026-11-30'), upsCalendar)).toBe(2);
  });

  it('when a scan happens late in the evening local time, then it belongs to that local day', () => {
    // 23:30 EDT on Monday 2026-03-09 is 03:30 UTC on Tuesday.
    expect(dayToDate(localDay(new Date('2026-03-10T03:30:00Z'), 'America/New_York'))).toBe(
      '2026-03-09',
    );
  });

  it('when clocks spring forward over the weekend, then only Friday evening and Monday morning count', () => {
    // Friday 18:00 EST (UTC-5) to Monday 08:00 EDT (UTC-4), across 2026-03-08.
    const friday = new Date('2026-03-06T23:00:00Z');
    const monday = new Date('2026-03-09T12:00:00Z');
    expect(businessHoursBetween(friday, monday, upsCalendar)).toBeCloseTo(6 + 8);
  });

  it('when a local wall-clock time is asked for on either side of a DST change, then the right instant comes back', () => {
    expect(atLocal(day('2026-03-06'), 18, 'America/New_York').toISOString()).toBe(
      '2026-03-06T23:00:00.000Z',
    );
    expect(atLocal(day('2026-03-09'), 8, 'America/New_York').toISOString()).toBe(
      '2026-03-09T12:00:00.000Z',
    );
    expect(atLocal(day('2026-10-26'), 9.5, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-26T08:30:00.000Z',
    );
  });
});
