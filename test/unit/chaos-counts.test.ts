import { chaosCounts, chaosLine, type OutboxRow } from '../chaos/chaos-counts';
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
