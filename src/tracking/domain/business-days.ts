const dayMs = 24 * 60 * 60 * 1000;

/**
 * Whole business days (Monday to Friday, UTC calendar) that have fully passed between two
 * instants: a parcel last scanned on Friday evening has waited 0 business days on Monday morning.
 */
export function businessDaysBetween(from: Date, to: Date): number {
  if (to <= from) return 0;
  let count = 0;
  // Start at the midnight after `from`; each whole weekday up to `to` counts.
  let day = Math.floor(from.getTime() / dayMs) + 1;
  const last = Math.floor(to.getTime() / dayMs);
  for (; day < last; day++) {
    const weekday = new Date(day * dayMs).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}
