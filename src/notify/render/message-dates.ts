import type { Locale } from '../../i18n/locale';
import {
  formatCalendarDate,
  formatDateWindow,
  formatEventTime,
} from '../../web/status-page/domain/guest-time';
import { memo } from './memo';

/** Delivery dates repeat across a batch of messages; Intl formatting is the costly part. */
export const calendarDate = memo((date: string, locale: Locale) =>
  formatCalendarDate(date, locale),
);

export const dateWindow = memo((from: string, to: string, locale: Locale) =>
  formatDateWindow(from, to, locale),
);

/**
 * The line shows minutes, so a scan's time is formatted once per minute, language and zone:
 * at volume many scans share a minute (a van's parcels are scanned out together), and one
 * Intl format was the costliest step of a whole email.
 */
const eventTimeAt = memo((locale: Locale, timeZone: string, minute: number) =>
  formatEventTime(new Date(minute * 60_000), locale, timeZone),
);

/** "Tue, Mar 3, 2:14 PM" in the guest's zone, as the status page writes it. */
export function eventTime(at: Date, locale: Locale, timeZone: string): string {
  return eventTimeAt(locale, timeZone, Math.floor(at.getTime() / 60_000));
}
