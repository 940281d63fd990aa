import type { NotificationActivity } from '../../db/repositories/console-figures.repository';

export interface DayCounts {
  /** YYYY-MM-DD in the merchant's time zone. */
  day: string;
  sent: number;
  deferred: number;
  skipped: number;
  failed: number;
}

export interface ActivitySummary {
  /** Oldest first, ending today. */
  days: DayCounts[];
  today: DayCounts;
  week: Omit<DayCounts, 'day'>;
  /** Why messages were skipped or deferred, today and over the whole range, most frequent first. */
  reasons: Array<{ outcome: 'skipped' | 'deferred'; reason: string; today: number; week: number }>;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(timeZone: string, at: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** The last `count` days up to today, oldest first (calendar days, so DST changes are fine). */
export function lastDays(timeZone: string, now: Date, count: number): string[] {
  const days = new Set<string>();
  // Step back in 12-hour strides: every calendar day is hit whatever the offset or DST.
  for (let i = 0; days.size < count + 1 && i < count * 3; i++)
    days.add(dayIn(timeZone, new Date(now.getTime() - i * 12 * 3_600_000)));
  return [...days].slice(0, count).reverse();
}

const quarterHourMs = 15 * 60_000;

/**
 * `dayIn` for many instants: every time zone's offset (and each DST change) falls on a quarter
 * of an hour, so all instants in one UTC quarter-hour share their local day. A week of
 * messages then costs a few hundred date formats instead of one per message (100k a week for a
 * busy shop, which held the process for about a second).
 */
export function quarterHourDays(timeZone: string): (at: Date) => string {
  const days = new Map<number, string>();
  return (at) => {
    const quarter = Math.floor(at.getTime() / quarterHourMs);
    let day = days.get(quarter);
    if (day === undefined) days.set(quarter, (day = dayIn(timeZone, at)));
    return day;
  };
}

/**
 * Counts what happened to a merchant's messages per day: sent (provider accepted), deferred
 * (quiet hours, daily cap), skipped and failed (by their final reason). Pure, so the
 * overview's arithmetic is unit-tested with a fixed clock.
 */
export function summarizeActivity(
  items: NotificationActivity[],
  now: Date,
  timeZone: string,
  dayCount = 7,
): ActivitySummary {
  const days = lastDays(timeZone, now, dayCount);
  const byDay = new Map(
    days.map((day) => [day, { day, sent: 0, deferred: 0, skipped: 0, failed: 0 }]),
  );
  const reasons = new Map<string, ActivitySummary['reasons'][number]>();
  const today = days.at(-1) as string;
  const count = (outcome: 'skipped' | 'deferred', reason: string, day: string) => {
    const key = `${outcome}:${reason}`;
    const row = reasons.get(key) ?? { outcome, reason, today: 0, week: 0 };
    row.week += 1;
    if (day === today) row.today += 1;
    reasons.set(key, row);
  };
  const dayOf = quarterHourDays(timeZone);
  for (const item of items) {
    if (item.sentAt) {
      const entry = byDay.get(dayOf(item.sentAt));
      if (entry) entry.sent += 1;
    }
    for (const h of item.history ?? []) {
      if (h.state !== 'pending' || !h.reason?.startsWith('deferred_')) continue;
      const day = dayOf(h.at);
      const entry = byDay.get(day);
      if (!entry) continue;
      entry.deferred += 1;
      count('deferred', h.reason.slice('deferred_'.length), day);
    }
    const last = item.history?.at(-1);
    if (last && (item.state === 'skipped' || item.state === 'failed')) {
      const day = dayOf(last.at);
      const entry = byDay.get(day);
      if (!entry) continue;
      entry[item.state] += 1;
      if (item.state === 'skipped') count('skipped', last.reason ?? 'unknown', day);
    }
  }
  const list = days.map((day) => byDay.get(day) as DayCounts);
  const week = list.reduce(
    (sum, d) => ({
      sent: sum.sent + d.sent,
      deferred: sum.deferred + d.deferred,
      skipped: sum.skipped + d.skipped,
      failed: sum.failed + d.failed,
    }),
    { sent: 0, deferred: 0, skipped: 0, failed: 0 },
  );
  return {
    days: list,
    today: list.at(-1) as DayCounts,
    week,
    reasons: [...reasons.values()].sort(
      (a, b) => b.week - a.week || a.reason.localeCompare(b.reason),
    ),
  };
}
