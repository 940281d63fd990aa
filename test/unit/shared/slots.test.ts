import { Slots } from '../../../src/shared/slots';

describe('slots for calls in flight', () => {
  it('when slots are taken, then no more than the free ones are given, and a give wakes every waiter', async () => {
    const slots = new Slots(3);
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

  it('when callers acquire more slots than there are, then the rest wait for gives, never more in flight', async () => {
    const slots = new Slots(2);
    let inFlight = 0;
    let most = 0;
    const call = async () => {
      await slots.acquire();
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      slots.give();
    };
    await Promise.all(Array.from({ length: 7 }, call));
    expect(most).toBe(2);
    expect(slots.take(3)).toBe(2);
  });
});
