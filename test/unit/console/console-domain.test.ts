import { sessionIsLive, type ConsoleSession } from '../../../src/console/console-user';
import { summarizeActivity, lastDays } from '../../../src/console/domain/message-activity';
import { classifySearch } from '../../../src/console/domain/delivery-search';
import { brandContrastWarnings } from '../../../src/console/domain/brand-contrast';
import { channelBlockers, describeHistory } from '../../../src/console/domain/explain-delivery';
import { timeAgo } from '../../../src/console/domain/time-ago';
import { safeNext } from '../../../src/console/auth/sign-in.routes';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import { defaultGuestPreferences, type Order } from '../../../src/orders/order';

const at = (iso: string) => new Date(iso);
const policy = { idleMs: 30 * 60_000 };
const session = (over: Partial<ConsoleSession> = {}): ConsoleSession => ({
  id: 's1',
  userId: 'u1',
  merchantId: 'm1',
  email: 'ada@shop.example',
  createdAt: at('2026-11-29T08:00:00Z'),
  lastSeenAt: at('2026-11-29T09:00:00Z'),
  expiresAt: at('2026-11-29T20:00:00Z'),
  ...over,
});

describe('console sessions', () => {
  it('when the last request was 29 minutes ago, then the session is live', () => {
    expect(sessionIsLive(session(), policy, at('2026-11-29T09:29:00Z'))).toBe(true);
  });
  it('when 30 idle minutes have passed, then it has ended', () => {
    expect(sessionIsLive(session(), policy, at('2026-11-29T09:30:00Z'))).toBe(false);
  });
  it('when it is active but past its absolute end, then it has ended', () => {
    const s = session({ lastSeenAt: at('2026-11-29T19:59:00Z') });
    expect(sessionIsLive(s, policy, at('2026-11-29T20:00:00Z'))).toBe(false);
  });
  it('when it was revoked, then it has ended at once', () => {
    const s = session({ revokedAt: at('2026-11-29T09:01:00Z') });
    expect(sessionIsLive(s, policy, at('2026-11-29T09:02:00Z'))).toBe(false);
  });
  it.each([
    ['/console/log?q=1001', '/console/log?q=1001'],
    ['https://evil.example/console', '/console'],
    ['//evil.example/console', '/console'],
    ['/console//evil.example', '/console'],
    ['/consoleX', '/console'],
    [undefined, '/console'],
  ])('when sign-in is asked to continue to %s, then it goes to %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('overview arithmetic', () => {
  const now = at('2026-11-29T15:00:00Z');
  it('when the shop is in New York, then days are New York days and today is last', () => {
    expect(lastDays('America/New_York', now, 3)).toEqual([
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    // 03:00 UTC on the 29th is still the 28th in New York.
    expect(lastDays('America/New_York', at('2026-11-29T03:00:00Z'), 1)).toEqual(['2026-11-28']);
  });
  it('when a week spans a DST change, then every calendar day appears once', () => {
    const days = lastDays('Europe/Paris', at('2026-03-31T12:00:00Z'), 7);
    expect(days).toEqual([
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
    ]);
  });
  it('when messages were sent, deferred, skipped and failed, then each day and reason is counted', () => {
    const summary = summarizeActivity(
      [
        { channel: 'email', state: 'sent', sentAt: at('2026-11-29T10:00:00Z'), history: [] },
        {
          channel: 'sms',
          state: 'sent',
          sentAt: at('2026-11-29T13:00:00Z'),
          history: [
            { at: at('2026-11-28T23:00:00Z'), state: 'pending', reason: 'deferred_quiet_hours' },
          ],
        },
        {
          channel: 'sms',
          state: 'skipped',
          history: [
            { at: at('2026-11-29T09:00:00Z'), state: 'pending', reason: 'created' },
            { at: at('2026-11-29T09:00:05Z'), state: 'skipped', reason: 'no_sms_consent' },
          ],
        },
        {
          channel: 'email',
          state: 'failed',
          history: [{ at: at('2026-11-27T09:00:00Z'), state: 'failed', reason: 'provider:550' }],
        },
        // Older than the range: ignored.
        { channel: 'email', state: 'sent', sentAt: at('2026-11-01T10:00:00Z'), history: [] },
      ],
      now,
      'UTC',
    );
    expect(summary.today).toEqual({
      day: '2026-11-29',
      sent: 2,
      deferred: 0,
      skipped: 1,
      failed: 0,
    });
    expect(summary.week).toEqual({ sent: 2, deferred: 1, skipped: 1, failed: 1 });
    expect(summary.days).toHaveLength(7);
    expect(summary.reasons).toEqual([
      { outcome: 'skipped', reason: 'no_sms_consent', today: 1, week: 1 },
      { outcome: 'deferred', reason: 'quiet_hours', today: 0, week: 1 },
    ]);
  });
  it.each([
    [at('2026-11-29T14:59:40Z'), 'just now'],
    [at('2026-11-29T14:48:00Z'), '12 min ago'],
    [at('2026-11-29T12:00:00Z'), '3 h ago'],
    [at('2026-11-26T12:00:00Z'), '3 days ago'],
  ])('when something happened at %s, then it reads "%s"', (then, text) => {
    expect(timeAgo(then, now)).toBe(text);
  });
});

describe('delivery log', () => {
  it.each([
    ['  Ada@Example.COM ', { kind: 'email', value: 'ada@example.com' }],
    ['+1 (202) 555-0143', { kind: 'phone', value: '+12025550143' }],
    ['44 20 7946 0958', { kind: 'phone', value: '+442079460958' }],
    ['#1001', { kind: 'order', value: '1001' }],
    ['JP-20931', { kind: 'order', value: 'JP-20931' }],
    ['   ', null],
  ])('when support searches for %j, then it is read as %j', (input, expected) => {
    expect(classifySearch(input)).toEqual(expected);
  });

  const merchant = { preferences: defaultMerchantPreferences() } as Merchant;
  const order = (guest: Partial<Order['guest']>): Order =>
    ({
      guest: {
        email: 'ada@example.com',
        consent: { email: { granted: true }, sms: { granted: false } },
        preferences: defaultGuestPreferences,
        ...guest,
      },
    }) as Order;
  it('when the order has no phone, then SMS says so and email is clear', () => {
    expect(channelBlockers(order({}), merchant, 'sms', false)).toContain(
      'No phone number on this order.',
    );
    expect(channelBlockers(order({}), merchant, 'email', false)).toEqual([]);
  });
  it('when the guest gave a phone but no SMS consent, then the consent rule is named', () => {
    const lines = channelBlockers(order({ phone: '+12025550143' }), merchant, 'sms', false);
    expect(lines).toEqual([
      'The guest did not agree to texts at checkout, and your settings require it.',
    ]);
  });
  it('when the number is suppressed, then that is named', () => {
    const lines = channelBlockers(
      order({
        phone: '+12025550143',
        consent: { email: { granted: true }, sms: { granted: true } },
      }),
      merchant,
      'sms',
      true,
    );
    expect(lines).toEqual(['This number is suppressed (STOP or a carrier block).']);
  });
  it("when a send failed, then the provider's own words are kept", () => {
    expect(
      describeHistory({
        at: new Date(),
        state: 'failed',
        reason: 'provider:21610',
        detail: 'Attempt to send to unsubscribed recipient',
      }),
    ).toBe('Provider reported 21610 (Attempt to send to unsubscribed recipient)');
    expect(
      describeHistory({
        at: new Date(),
        state: 'pending',
        reason: 'deferred_quiet_hours',
        detail: '2026-11-30T08:00:00.000Z',
      }),
    ).toBe("Held for the guest's quiet hours (2026-11-30T08:00:00.000Z)");
  });
});

describe('brand colour contrast', () => {
  it('when the colour is a dark green, then nothing is wrong', () => {
    expect(brandContrastWarnings('#2f6b4f')).toEqual([]);
  });
  it('when the colour is white, then both text and visibility warnings appear', () => {
    const warnings = brandContrastWarnings('#ffffff');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/dark text instead/);
    expect(warnings[1]).toMatch(/too light to stand out/);
  });
  it('when the colour is a mid-tone where neither text colour reads, then it says to pick another shade', () => {
    expect(brandContrastWarnings('#7a7a7a')[0]).toMatch(/Neither white .* nor dark text/);
  });
});
