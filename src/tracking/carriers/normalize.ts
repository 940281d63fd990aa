/**
 * Helpers every carrier adapter uses to turn a carrier's answer into the port's shapes: event
 * times with their UTC offset, and event identities that stay the same from one poll to the next.
 */

/** `Z`, `+05:30`, `-0500` or `-05` into minutes east of UTC; null when absent or unreadable. */
export function parseUtcOffset(designator: string | null | undefined): number | null {
  if (!designator) return null;
  if (designator === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(designator.trim());
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** ISO 8601 with or without an offset; no offset means local time, flagged rather than taken as UTC. */
export function parseCarrierTime(value: string): { at: Date; offset: number | null } {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value.trim(),
  );
  if (!m) return { at: new Date(value), offset: null };
  const offset = parseUtcOffset(m[2]);
  if (offset === null) return { at: new Date(`${m[1]}Z`), offset: null };
  return { at: new Date(new Date(`${m[1]}Z`).getTime() - offset * 60_000), offset };
}

/**
 * Event identities from what an event says (time, code, text), never from its position: carriers
 * list newest first, so an index would change every time a scan arrives and old events would look
 * new. Two identical scans in one answer get `#2`, `#3`.
 */
export function stableEventIds(prefix: string, keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return `${prefix}:${key}${count > 1 ? `#${count}` : ''}`;
  });
}
