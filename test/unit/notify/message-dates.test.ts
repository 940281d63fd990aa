import fc from 'fast-check';
import { supportedLocales } from '../../../src/i18n/locale';
import { eventTime } from '../../../src/notify/render/message-dates';
import { formatEventTime } from '../../../src/web/status-page/domain/guest-time';

/** Zones with whole-hour, half-hour and quarter-hour offsets, and daylight saving both ways. */
const zones = ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/Paris'];

describe('eventTime', () => {
  it('when a scan time is formatted, then it reads exactly as the status page formats that instant, whatever its seconds', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.constantFrom(...supportedLocales),
        fc.constantFrom(...zones),
        (at, locale, zone) => {
          expect(eventTime(at, locale, zone)).toBe(formatEventTime(at, locale, zone));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('when two scans fall in one minute, then they share a line; a minute later, they do not', () => {
    const at = new Date('2026-03-08T06:59:59.999Z'); // 01:59 in New York, a minute before the clocks jump
    expect(eventTime(new Date('2026-03-08T06:59:00Z'), 'en', 'America/New_York')).toBe(
      eventTime(at, 'en', 'America/New_York'),
    );
    const next = new Date(at.getTime() + 1);
    expect(eventTime(next, 'en', 'America/New_York')).toBe(
      formatEventTime(next, 'en', 'America/New_York'),
    );
    expect(eventTime(next, 'en', 'America/New_York')).not.toBe(
      eventTime(at, 'en', 'America/New_York'),
    );
  });
});
