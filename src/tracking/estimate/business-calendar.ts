/**
 * Calendar days counted as whole numbers (days since 1970-01-01) in a carrier's own time zone,
 * so a scan at 23:30 local time belongs to that local day whatever its UTC date, and a DST
 * change never makes a day 23 or 25 hours "long" in the arithmetic.
 */
export interface BusinessCalendar {
  /** IANA zone the carrier's days are counted in. */
  timeZone: string;
  /** Days the carrier does not move parcels, YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
}

const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const offsets = new Map<string, number>();

/** Minutes the zone is ahead of UTC at `at`; zones change offset only on whole UTC hours. */
function offsetMinutes(at: Date, timeZone: string): number {
  const hour = Math.floor(at.getTime() / 3_600_000);
  const key = `${timeZone}:${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const p of partsFormatter(timeZone).formatToParts(new Date(hour * 3_600_000)))
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour, parts.minute);
    offset = Math.round((local - hour * 3_600_000) / 60_000);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The local day number of an instant and the local hour of day (fractional). */
export function localTime(at: Date, timeZone: string): { day: number; hour: number } {
  const local = at.getTime() + offsetMinutes(at, timeZone) * 60_000;
  const day = Math.floor(local / dayMs);
  return { day, hour: (local - day * dayMs) / 3_600_000 };
}

export function localDay(at: Date, timeZone: string): number {
  return localTime(at, timeZone).day;
}

export function dayToDate(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

export function dateToDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / dayMs);
}

export function isBusinessDay(day: number, calendar: BusinessCalendar): boolean {
  const weekday = new Date(day * dayMs).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(dayToDate(day));
}

/** The day `count` business days after `day`; the inverse of `businessDaysAfter`. */
export function addBusinessDays(day: number, count: number, calendar: BusinessCalendar): number {
  let current = day;
  for (let left = count; left > 0;) {
    current++;
    if (isBusinessDay(current, calendar)) left--;
  }
  return current;
}

/** Business days in (from, to]: a Friday pickup delivered on Monday took one business day. */
export function businessDaysAfter(from: number, to: number, calendar: BusinessCalendar): number {
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (isBusinessDay(day, calendar)) count++;
  return count;
}

/** Hours between two instants that fall on the carrier's business days (weekends do not count). */
export function businessHoursBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  if (to <= from) return 0;
  const a = localTime(from, calendar.timeZone);
  const b = localTime(to, calendar.timeZone);
  const open = (day: number) => isBusinessDay(day, calendar);
  if (a.day === b.day) return open(a.day) ? b.hour - a.hour : 0;
  let hours = (open(a.day) ? 24 - a.hour : 0) + (open(b.day) ? b.hour : 0);
  for (let day = a.day + 1; day < b.day; day++) if (open(day)) hours += 24;
  return hours;
}

/** Monday of the local week holding `day`: learned statistics are kept per week. */
export function weekStart(day: number): number {
  const weekday = new Date(day * dayMs).getUTCDay();
  return day - ((weekday + 6) % 7);
}

/** The instant a local wall-clock time (day number, fractional hour) names in `timeZone`. */
export function atLocal(day: number, hour: number, timeZone: string): Date {
  const wanted = day * dayMs + hour * 3_600_000;
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const local = localTime(new Date(guess), timeZone);
    guess += wanted - (local.day * dayMs + local.hour * 3_600_000);
  }
  return new Date(guess);
}
