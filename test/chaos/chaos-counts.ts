import type { AcceptedMessage } from '../fakes/fake-provider';

/** One outbox entry as the harness reads it from the database at the end. */
export interface OutboxRow {
  id: string;
  orderId: string;
  channel: string;
  milestone: string;
  state: string;
  /** Reason of the latest history entry (e.g. stale, merged, reconciled_not_sent). */
  lastReason: string | undefined;
}

export interface ChaosCounts {
  notifications: number;
  duplicates: number;
  lost: number;
  unknown_unresolved: number;
  stale_due_to_faults: number;
  uncombined: number;
}

/** States in which the outbox meant the guest to get (or believes the guest got) the message. */
const meantToSend = new Set(['pending', 'sending', 'sent', 'delivered', 'unknown', 'failed']);

/**
 * The chaos run's counts, from the outbox and the fake provider's records (see README, "Chaos run"):
 * - notifications: outbox entries in the database.
 * - duplicates: messages the provider accepted beyond the first for the same notification id.
 * - lost: entries the provider never received although the outbox meant to send them: at the end
 *   they are pending (never sent in time), sending, unknown, sent, delivered or failed with no
 *   accepted message. Skipped entries are deliberate non-sends and are not lost.
 * - unknown_unresolved: entries still unknown (or stuck in sending) at the end although the
 *   provider did accept their message: nothing resolved them.
 * - stale_due_to_faults: entries skipped as stale (the parcel was delivered before the message
 *   went). The harness paces parcels so each step lasts longer than a dispatch takes (poll,
 *   grouping window, dispatch tick) with a kill holding up both the poll and the dispatch until
 *   the dead worker's claims are free, so a stale drop here is a fault delaying a message past
 *   what the design allows.
 * - uncombined: for orders with two parcels, messages beyond one per (order, channel, milestone)
 *   that the provider accepted from different notifications: milestones falling due together
 *   that reached the guest as separate messages.
 */
export function chaosCounts(
  rows: OutboxRow[],
  accepted: AcceptedMessage[],
  twoParcelOrders: Set<string>,
): ChaosCounts {
  const perNotification = new Map<string, number>();
  for (const m of accepted)
    if (m.notificationId)
      perNotification.set(m.notificationId, (perNotification.get(m.notificationId) ?? 0) + 1);
  const got = (id: string) => perNotification.get(id) ?? 0;
  let duplicates = 0;
  for (const n of perNotification.values()) duplicates += Math.max(0, n - 1);
  const groups = new Map<string, number>();
  for (const row of rows) {
    if (!twoParcelOrders.has(row.orderId) || got(row.id) === 0) continue;
    const key = `${row.orderId}|${row.channel}|${row.milestone}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  let uncombined = 0;
  for (const n of groups.values()) uncombined += Math.max(0, n - 1);
  return {
    notifications: rows.length,
    duplicates,
    lost: rows.filter((r) => meantToSend.has(r.state) && got(r.id) === 0).length,
    unknown_unresolved: rows.filter(
      (r) => (r.state === 'unknown' || r.state === 'sending') && got(r.id) > 0,
    ).length,
    stale_due_to_faults: rows.filter((r) => r.state === 'skipped' && r.lastReason === 'stale')
      .length,
    uncombined,
  };
}

export function chaosLine(kills: number, c: ChaosCounts): string {
  return `CHAOS kills=${kills} notifications=${c.notifications} duplicates=${c.duplicates} lost=${c.lost} unknown_unresolved=${c.unknown_unresolved} stale_due_to_faults=${c.stale_due_to_faults} uncombined=${c.uncombined}`;
}

/** What a run must reach to prove anything: the sizes, or the quick run's. */
export interface ChaosMinimums {
  orders: number;
  notifications: number;
  kills: number;
}

/** What the run did, besides the counts. */
export interface ChaosRun {
  orders: number;
  kills: number;
  /** A worker was SIGSTOPped past its lease and resumed. */
  paused: boolean;
  /** The database was cut right after the provider accepted a message. */
  blinked: boolean;
  /** Parcels not delivered at the end: their later milestones were never told. */
  undeliveredParcels: number;
}

/** The counts after `notifications`: any of them above zero breaks "told exactly once". */
const mustBeZero = [
  'duplicates',
  'lost',
  'unknown_unresolved',
  'stale_due_to_faults',
  'uncombined',
] as const;

/** Every check the run failed, one readable line each; empty when the proof holds. */
export function chaosFailures(run: ChaosRun, counts: ChaosCounts, min: ChaosMinimums): string[] {
  const failures = mustBeZero
    .filter((name) => counts[name] > 0)
    .map((name) => `${name}=${counts[name]}, must be 0`);
  if (run.undeliveredParcels > 0)
    failures.push(
      `parcels_not_delivered=${run.undeliveredParcels}, must be 0 (their later milestones were never told)`,
    );
  const reached = { orders: run.orders, notifications: counts.notifications, kills: run.kills };
  for (const name of ['orders', 'notifications', 'kills'] as const)
    if (reached[name] < min[name])
      failures.push(`${name}=${reached[name]}, below the minimum of ${min[name]}`);
  if (!run.paused) failures.push('no worker was SIGSTOPped past its lease');
  if (!run.blinked) failures.push('the database was never cut after an accepted message');
  return failures;
}
