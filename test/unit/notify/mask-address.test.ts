import { maskAddress } from '../../../src/notify/domain/mask-address';

describe('maskAddress', () => {
  it.each([
    ['jane.doe@example.com', 'j•••@example.com'],
    ['  Jane.Doe@Example.COM ', 'j•••@example.com'],
    ['j@example.com', 'j•••@example.com'],
    ['"odd@local"@example.com', '"•••@example.com'],
  ])('when the email is %j, then the hint is %s', (address, hint) => {
    expect(maskAddress('email', address)).toBe(hint);
  });

  it.each(['no-at-sign', '@example.com', 'jane@', ''])(
    'when the email %j has no local part or domain, then the hint reveals nothing',
    (address) => {
      expect(maskAddress('email', address)).toBe('•••');
    },
  );

  it.each([
    ['+12025554567', '+1•••••4567'],
    ['+1 (202) 555-4567', '+1•••••4567'],
    ['+447700900123', '+44•••••0123'],
    ['+33612345678', '+33•••••5678'],
  ])(
    'when the phone is %s, then the hint is its country prefix and last four: %s',
    (address, hint) => {
      expect(maskAddress('sms', address)).toBe(hint);
    },
  );

  it('when a phone number cannot be parsed, then only its last four digits show', () => {
    expect(maskAddress('sms', '0044 7700 900123')).toBe('•••••0123');
  });

  it('when a number is too short to keep four digits hidden, then no digit shows', () => {
    expect(maskAddress('sms', '12345')).toBe('•••••');
  });

  it('when the same address is masked, then the hint never contains it', () => {
    for (const [channel, address] of [
      ['email', 'erase.me@example.com'],
      ['sms', '+12025550177'],
    ] as const) {
      const hint = maskAddress(channel, address);
      expect(hint).not.toContain(address);
      expect(hint.replace(/\D/g, '')).not.toContain('2025550177');
    }
  });
});
