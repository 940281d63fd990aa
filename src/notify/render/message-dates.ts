import type { Locale } from '../../i18n/locale';
import { formatCalendarDate, formatDateWindow } from '../../web/status-page/domain/guest-time';
import { memo } from './memo';

/** Delivery dates repeat across a batch of messages; Intl formatting is the costly part. */
export const calendarDate = memo((date: string, locale: Locale) =>
  formatCalendarDate(date, locale),
);

export const dateWindow = memo((from: string, to: string, locale: Locale) =>
  formatDateWindow(from, to, locale),
);

/** Scan times differ per message: keep the formatter per language and zone, not the result. */
const eventTimeFormat = memo(
  (locale: Locale, timeZone: string) =>
    new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }),
  200,
);

/** "Tue, Mar 3, 2:14 PM" in the guest's zone. */
export function eventTime(at: Date, locale: Locale, timeZone: string): string {
  return eventTimeFormat(locale, timeZone).format(at);
}
