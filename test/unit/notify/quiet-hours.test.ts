import { localMinuteOfDay, quietHoursEnd } from '../../../src/notify/domain/quiet-hours';

const smsWindow = { start: '21:00', end: '08:00' };

describe('quiet hours', () => {
  it('when an SMS falls due at 02:00 in the guest\u2019s time zone, then it is deferred to 08:00 there', () => {
    const due = new Date('2026-06-10T06:00:00Z'); // 02:00 in New York (EDT)
    expect(quietHoursEnd(due, smsWindow, 'America/New_York')?.toISOString()).toBe(
      '2026-06-10T12:00:00.000Z',
    );
  });

  it('when the same instant is daytime in the guest\u2019s zone, then nothing is deferred', () => {
    const due = new Date('2026-06-10T06:00:00Z'); // 08:00 in Berlin
    expect(quietHoursEnd(due, smsWindow, 'Europe/Berlin')).toBeNull();
    expect(quietHoursEnd(due, null, 'America/New_York')).toBeNull();
  });

  it('when it falls due at 22:30, then it waits for 08:00 the next morning', () => {
    const due = new Date('2026-06-10T20:30:00Z'); // 22:30 in Paris (CEST)
    expect(quietHoursEnd(due, smsWindow, 'Europe/Paris')?.toISOString()).toBe(
      '2026-06-11T06:00:00.000Z',
    );
  });

  it('when the clocks spring forward during the night, then the message still goes at 08:00 local time', () => {
    // Night of 7-8 March 2026 in New York: 02:00 EST becomes 03:00 EDT.
    const due = new Date('2026-03-08T04:30:00Z'); // 23:30 EST on the 7th
    const until = quietHoursEnd(due, smsWindow, 'America/New_York');
    expect(until?.toISOString()).toBe('2026-03-08T12:00:00.000Z'); // 08:00 EDT
    expect(localMinuteOfDay(until as Date, 'America/New_York')).toBe(8 * 60);
  });

  it('when the clocks fall back during the night, then the message goes at 08:00 local time', () => {
    // Night of 24-25 October 2026 in Berlin: 03:00 CEST becomes 02:00 CET.
    const due = new Date('2026-10-24T21:00:00Z'); // 23:00 CEST
    expect(quietHoursEnd(due, smsWindow, 'Europe/Berlin')?.toISOString()).toBe(
      '2026-10-25T07:00:00.000Z',
    );
  });

  it('when a window does not span midnight, then only times inside it are deferred', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(quietHoursEnd(new Date('2026-06-10T12:15:00Z'), lunch, 'UTC')?.toISOString()).toBe(
      '2026-06-10T13:30:00.000Z',
    );
    expect(quietHoursEnd(new Date('2026-06-10T13:30:00Z'), lunch, 'UTC')).toBeNull();
  });
});
