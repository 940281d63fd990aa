import {
  chaosCounts,
  chaosFailures,
  chaosLine,
  type ChaosCounts,
  type ChaosRun,
  type OutboxRow,
} from '../chaos/chaos-counts';
import type { AcceptedMessage } from '../fakes/fake-provider';

const row = (id: string, state: string, extra: Partial<OutboxRow> = {}): OutboxRow => ({
  id,
  orderId: 'o1',
  channel: 'email',
  milestone: 'shipped',
  state,
  lastReason: undefined,
  ...extra,
});
const took = (notificationId: string): AcceptedMessage => ({
  provider: 'sendgrid',
  id: `m-${notificationId}`,
  notificationId,
  to: 'g@example.com',
  at: new Date(),
});

describe('chaos counts', () => {
  it('when a notification reached the provider twice, then one duplicate is counted', () => {
    const counts = chaosCounts([row('a', 'sent')], [took('a'), took('a')], new Set());
    expect(counts).toMatchObject({ notifications: 1, duplicates: 1, lost: 0 });
  });

  it('when entries meant to be sent never reached the provider, then they are lost; skipped ones are not', () => {
    const rows = ['pending', 'sending', 'unknown', 'sent', 'failed', 'skipped'].map((s) =>
      row(s, s),
    );
    expect(chaosCounts(rows, [], new Set()).lost).toBe(5);
  });

  it('when an entry is still unknown although the provider took it, then it is unresolved, not lost', () => {
    const counts = chaosCounts([row('u', 'unknown')], [took('u')], new Set());
    expect(counts).toMatchObject({ unknown_unresolved: 1, lost: 0 });
  });

  it('when entries were skipped as stale, then they count as stale drops; merged ones do not', () => {
    const rows = [
      row('s', 'skipped', { lastReason: 'stale' }),
      row('m', 'skipped', { lastReason: 'merged' }),
    ];
    expect(chaosCounts(rows, [], new Set()).stale_due_to_faults).toBe(1);
  });

  it('when both parcels of a two-parcel order were told the same milestone separately, then one is uncombined', () => {
    const rows = [row('p1', 'sent'), row('p2', 'sent'), row('other', 'sent', { orderId: 'o2' })];
    const accepted = [took('p1'), took('p2'), took('other')];
    expect(chaosCounts(rows, accepted, new Set(['o1'])).uncombined).toBe(1);
    expect(chaosCounts(rows, accepted, new Set()).uncombined).toBe(0);
  });

  it('when printed, then the line has every count in the documented order', () => {
    const line = chaosLine(3, chaosCounts([row('a', 'sent')], [took('a')], new Set()));
    expect(line).toBe(
      'CHAOS kills=3 notifications=1 duplicates=0 lost=0 unknown_unresolved=0 stale_due_to_faults=0 uncombined=0',
    );
  });
});

describe('chaos checks', () => {
  const minimums = { orders: 300, notifications: 1_000, kills: 50 };
  const fullRun: ChaosRun = {
    orders: 300,
    kills: 50,
    paused: true,
    blinked: true,
    undeliveredParcels: 0,
  };
  const clean: ChaosCounts = {
    notifications: 3_100,
    duplicates: 0,
    lost: 0,
    unknown_unresolved: 0,
    stale_due_to_faults: 0,
    uncombined: 0,
  };

  it('when every count after notifications is 0 and the minimums are reached, then nothing fails', () => {
    expect(chaosFailures(fullRun, clean, minimums)).toEqual([]);
  });

  it('when counts that must be 0 are not, then each is named with its value', () => {
    const counts = { ...clean, duplicates: 2, lost: 1, unknown_unresolved: 3 };
    const more = { ...counts, stale_due_to_faults: 4, uncombined: 5 };
    expect(chaosFailures(fullRun, more, minimums)).toEqual([
      'duplicates=2, must be 0',
      'lost=1, must be 0',
      'unknown_unresolved=3, must be 0',
      'stale_due_to_faults=4, must be 0',
      'uncombined=5, must be 0',
    ]);
  });

  it('when parcels were never delivered, then the run fails: their later milestones were never told', () => {
    expect(chaosFailures({ ...fullRun, undeliveredParcels: 7 }, clean, minimums)).toEqual([
      'parcels_not_delivered=7, must be 0 (their later milestones were never told)',
    ]);
  });

  it('when the run fell short of the issue’s sizes, then each shortfall is named with its minimum', () => {
    const short = { ...fullRun, orders: 299, kills: 49, paused: false, blinked: false };
    expect(chaosFailures(short, { ...clean, notifications: 999 }, minimums)).toEqual([
      'orders=299, below the minimum of 300',
      'notifications=999, below the minimum of 1000',
      'kills=49, below the minimum of 50',
      'no worker was SIGSTOPped past its lease',
      'the database was never cut after an accepted message',
    ]);
  });

  it('when a quick run reaches the quick sizes, then it passes against the quick minimums', () => {
    const quickRun = { ...fullRun, orders: 40, kills: 10 };
    const quickCounts = { ...clean, notifications: 400 };
    expect(
      chaosFailures(quickRun, quickCounts, { orders: 40, notifications: 134, kills: 10 }),
    ).toEqual([]);
    expect(chaosFailures(quickRun, quickCounts, minimums)).toHaveLength(3);
  });
});
