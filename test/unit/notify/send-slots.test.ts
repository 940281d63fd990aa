import { SendSlots } from '../../../src/notify/dispatch/send-slots';

describe('send slots', () => {
  it('when slots are taken, then no more than the free ones are given, and a give wakes every waiter', async () => {
    const slots = new SendSlots(3);
    expect(slots.take(2)).toBe(2);
    expect(slots.take(5)).toBe(1);
    expect(slots.take(1)).toBe(0);
    const woken: string[] = [];
    const a = slots.freed().then(() => woken.push('a'));
    const b = slots.freed().then(() => woken.push('b'));
    slots.give();
    await Promise.all([a, b]);
    expect(woken).toEqual(['a', 'b']);
    expect(slots.take(3)).toBe(1);
    slots.give(3);
    expect(slots.take(0)).toBe(0);
    expect(slots.take(4)).toBe(3);
  });
});
