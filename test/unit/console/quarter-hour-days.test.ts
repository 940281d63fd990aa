import fc from 'fast-check';
import { dayIn, quarterHourDays } from '../../../src/console/domain/message-activity';

describe('local days by quarter-hour', () => {
  it('when instants fall anywhere, in zones with odd offsets and DST, then the day equals the one Intl gives', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'America/St_Johns', // -03:30, DST
      'Asia/Kathmandu', // +05:45
      'Pacific/Chatham', // +12:45, DST
      'Australia/Lord_Howe', // half-hour DST
      'Europe/Berlin',
    ];
    for (const zone of zones) {
      const dayOf = quarterHourDays(zone);
      fc.assert(
        fc.property(
          fc.integer({
            min: Date.parse('2024-01-01T00:00:00Z'),
            max: Date.parse('2027-12-31T00:00:00Z'),
          }),
          (ms) => {
            const at = new Date(ms);
            expect(dayOf(at)).toBe(dayIn(zone, at));
          },
        ),
        { numRuns: 3000 },
      );
      // Each side of every local midnight and DST change in a year, to the millisecond.
      const wrong: string[] = [];
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01');) {
        const next = t + 15 * 60_000;
        for (const at of [new Date(t), new Date(next - 1)])
          if (dayOf(at) !== dayIn(zone, at)) wrong.push(at.toISOString());
        t = next;
      }
      expect({ zone, wrong }).toEqual({ zone, wrong: [] });
    }
  });
});
