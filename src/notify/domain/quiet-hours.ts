import type { QuietHours } from '../../merchants/merchant';

const minuteMs = 60_000;

function toMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Minutes since local midnight at `at` in `timeZone`. */
export function localMinuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

function inWindow(minute: number, start: number, end: number): boolean {
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When a message that falls due at `at` may go out: null when it may go now, else the first
 * instant the recipient's local clock reads the window's end. Walks real instants, so DST
 * changes (a 23- or 25-hour night) land on the right wall-clock time.
 */
export function quietHoursEnd(at: Date, window: QuietHours | null, timeZone: string): Date | null {
  if (!window) return null;
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  if (start === end || !inWindow(localMinuteOfDay(at, timeZone), start, end)) return null;
  const base = Math.floor(at.getTime() / minuteMs) * minuteMs;
  let candidate =
    base + ((end - localMinuteOfDay(new Date(base), timeZone) + 1440) % 1440) * minuteMs;
  // An offset change inside the window shifts the wall clock; correct until it reads `end`.
  for (let i = 0; i < 3; i++) {
    const drift = end - localMinuteOfDay(new Date(candidate), timeZone);
    const wrapped = ((drift + 720 + 1440) % 1440) - 720;
    if (wrapped === 0) break;
    candidate += wrapped * minuteMs;
  }
  return new Date(candidate);
}
