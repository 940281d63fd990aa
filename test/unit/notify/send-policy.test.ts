import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { decideSend, type PolicyInput } from '../../../src/notify/domain/send-policy';
import { defaultGuestPreferences } from '../../../src/orders/order';

const noon = new Date('2026-06-10T16:00:00Z'); // 12:00 in New York

function input(
  overrides: Partial<PolicyInput> = {},
  guest: Partial<PolicyInput['order']['guest']> = {},
): PolicyInput {
  return {
    milestone: 'out_for_delivery',
    channel: 'sms',
    order: {
      guest: {
        email: 'g@example.com',
        phone: '+12025550143',
        timezone: 'America/New_York',
        consent: { email: { granted: true }, sms: { granted: true } },
        preferences: { ...defaultGuestPreferences, channels: { email: true, sms: true } },
        ...guest,
      },
    },
    preferences: defaultMerchantPreferences(),
    shipmentStatuses: ['out_for_delivery'],
    suppression: null,
    sentToday: 0,
    now: noon,
    ...overrides,
  };
}

describe('the send policy', () => {
  it('when everything allows it, then the message is sent', () => {
    expect(decideSend(input())).toEqual({ action: 'send' });
  });

  it('when the merchant turned the milestone off for the channel, then it is skipped with that reason', () => {
    expect(decideSend(input({ milestone: 'shipped' }))).toEqual({
      action: 'skip',
      reason: 'merchant_preferences',
    });
  });

  it('when SMS consent was never recorded, then no text is sent', () => {
    expect(
      decideSend(input({}, { consent: { email: { granted: true }, sms: { granted: false } } })),
    ).toMatchObject({ reason: 'no_sms_consent' });
  });

  it('when the address is suppressed, then it is skipped and the suppression is named', () => {
    expect(decideSend(input({ suppression: 'stop' }))).toEqual({
      action: 'skip',
      reason: 'suppressed',
      detail: 'stop',
    });
  });

  it('when the guest stopped updates, chose email only, or key milestones only, then their choice wins', () => {
    const prefs = defaultGuestPreferences;
    expect(decideSend(input({}, { preferences: { ...prefs, stopped: true } }))).toMatchObject({
      reason: 'guest_stopped',
    });
    expect(
      decideSend(input({}, { preferences: { ...prefs, channels: { email: true, sms: false } } })),
    ).toMatchObject({ reason: 'guest_channel_off' });
    const keyOnly = { ...prefs, level: 'key' as const };
    expect(
      decideSend(input({ milestone: 'delayed', channel: 'email' }, { preferences: keyOnly })),
    ).toMatchObject({ reason: 'guest_key_milestones_only' });
    expect(
      decideSend(input({ milestone: 'delivered', channel: 'email' }, { preferences: keyOnly })),
    ).toEqual({ action: 'send' });
  });

  it('when an out-for-delivery text is still waiting after the parcel was delivered, then it is skipped as stale', () => {
    expect(decideSend(input({ shipmentStatuses: ['delivered'] }))).toMatchObject({
      action: 'skip',
      reason: 'stale',
    });
  });

  it('when a low-value message meets the daily cap, then it is deferred to the guest\u2019s next morning with the reason', () => {
    const capped = decideSend(input({ milestone: 'out_for_delivery', sentToday: 4 }));
    expect(capped).toEqual({
      action: 'defer',
      reason: 'daily_cap',
      until: new Date('2026-06-11T12:00:00Z'), // 08:00 tomorrow in New York
      detail: '4 sms messages already sent in the last day',
    });
    const early = new Date('2026-06-10T09:00:00Z'); // 05:00 in New York
    expect(
      decideSend(input({ channel: 'email', milestone: 'shipped', sentToday: 9, now: early })),
    ).toMatchObject({ action: 'defer', until: new Date('2026-06-10T12:00:00Z') });
  });

  it.each(['delivered', 'available_for_pickup', 'failed_attempt', 'exception'] as const)(
    'when %s meets the daily cap, then it is sent anyway',
    (milestone) => {
      const shipmentStatuses = [milestone === 'exception' ? 'exception' : milestone] as const;
      expect(
        decideSend(
          input({
            milestone,
            channel: 'email',
            sentToday: 40,
            shipmentStatuses: [...shipmentStatuses],
          }),
        ),
      ).toEqual({ action: 'send' });
    },
  );

  it('when an SMS falls due at night for the guest, then it is deferred, not dropped; email is not', () => {
    const night = new Date('2026-06-10T06:00:00Z'); // 02:00 in New York
    expect(decideSend(input({ now: night }))).toEqual({
      action: 'defer',
      until: new Date('2026-06-10T12:00:00Z'),
      reason: 'quiet_hours',
    });
    expect(decideSend(input({ now: night, channel: 'email' }))).toEqual({ action: 'send' });
  });

  it('when the order was erased, then nothing is sent', () => {
    expect(decideSend(input({ order: { ...input().order, erasedAt: noon } }))).toMatchObject({
      reason: 'order_erased',
    });
  });
});
