import type { Locale } from '../../../i18n/locale';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build and the page uses a handful: keep them. */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** The zone if the runtime knows it, else undefined (a bad zone must not break the page). */
export function validTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    formatter('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** "Tue, Mar 3, 2:14 PM" in the guest's zone. */
export function formatEventTime(at: Date, locale: Locale, timeZone: string): string {
  return formatter(locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

/** "Tuesday, March 3, 2:14 PM" in the guest's zone. */
export function formatLongTime(at: Date, locale: Locale, timeZone: string): string {
  return formatter(locale, {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

/** A calendar date (YYYY-MM-DD, already in the destination's calendar): "Thursday, March 5". */
export function formatCalendarDate(date: string, locale: Locale): string {
  const at = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return formatter(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(at);
}

/** "Eastern Time" rather than "America/New_York", when the runtime has a name for it. */
export function timeZoneName(timeZone: string, locale: Locale, at: Date): string {
  const part = formatter(locale, { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/** "12 minutes ago", "3 hours ago", "2 days ago"; undefined under a minute. */
export function relativeAgo(from: Date, now: Date, locale: Locale): string | undefined {
  const minutes = Math.floor((now.getTime() - from.getTime()) / 60_000);
  if (minutes < 1) return undefined;
  let rtf = relativeFormatters.get(locale);
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
    relativeFormatters.set(locale, rtf);
  }
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.floor(hours / 24), 'day');
}

/** A delivery window of calendar dates: "Tue, Dec 1 – Wed, Dec 2" (one date when they match). */
export function formatDateWindow(from: string, to: string, locale: Locale): string {
  const start = new Date(`${from}T12:00:00Z`);
  const end = new Date(`${to}T12:00:00Z`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${from} – ${to}`;
  const f = formatter(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  });
  return from === to ? f.format(start) : f.formatRange(start, end);
}

/** YYYY-MM-DD of an instant in a zone. */
function calendarDay(at: Date, timeZone: string): string {
  return formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

/**
 * An estimated delivery date as the guest says it: "Today, Monday, March 2", "Tomorrow, ...",
 * otherwise just the date.
 */
export function formatEtaDate(date: string, locale: Locale, timeZone: string, now: Date): string {
  const formatted = formatCalendarDate(date, locale);
  const days = Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${calendarDay(now, timeZone)}T00:00:00Z`)) /
      86_400_000,
  );
  if (days !== 0 && days !== 1) return formatted;
  const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}, ${formatted}`;
}
