import type { OutgoingEmail } from '../../../src/notify/senders/email-sender';
import { useTestDatabase } from '../../support/test-app';
import { ofWorld, shippedEmails, until, type World } from './dispatch-world';

// A database of its own: batches here must hold only this file's messages.
useTestDatabase();

/** The provider answers at once, except its first call, which waits until released. */
function firstCallHangs(w: World) {
  let release: () => void = () => undefined;
  const slow = new Promise<void>((resolve) => (release = resolve));
  const take = w.email.send.bind(w.email);
  const state = { calls: 0, inFlight: 0, mostInFlight: 0, release: () => release() };
  w.email.send = async (email: OutgoingEmail) => {
    const first = state.calls++ === 0;
    state.mostInFlight = Math.max(state.mostInFlight, ++state.inFlight);
    try {
      const taken = await take(email);
      if (first) await slow;
      return taken;
    } finally {
      state.inFlight--;
    }
  };
  return state;
}

const states = async (w: World, orders: string[]) =>
  (await ofWorld(w, orders)).map((n) => n.state).sort();

describe('provider call slots', () => {
  it('when one provider call is slow, then the other slots keep sending: it holds one slot, not a window of them', async () => {
    // More messages than there are slots (32 emails).
    const total = 40;
    const { w, orders } = await shippedEmails({}, total);
    const provider = firstCallHangs(w);
    const run = w.app.notify.dispatcher.dispatchDue();
    try {
      await until(() => provider.calls === total);
      // Every other message is recorded as sent while the first call is still out.
      for (let i = 0; i < 100; i++) {
        if ((await states(w, orders)).filter((s) => s === 'sent').length === total - 1) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await states(w, orders)).toEqual([
        ...Array<string>(1).fill('sending'),
        ...Array<string>(total - 1).fill('sent'),
      ]);
    } finally {
      provider.release();
    }
    expect(await run).toMatchObject({ sent: total });
    expect(provider.mostInFlight).toBeLessThanOrEqual(32);
  }, 60_000);

  it("when a batch's last call is slow, then the next batch is claimed and sent meanwhile, one slow batch at a time", async () => {
    const { w, orders } = await shippedEmails({ DISPATCH_BATCH_SIZE: '5' }, 12);
    const provider = firstCallHangs(w);
    const run = w.app.notify.dispatcher.dispatchDue();
    try {
      // The first batch's four others and the whole second batch go out around the slow call.
      await until(() => provider.calls === 10);
      // The third batch waits: a batch still waiting on its provider holds the one place for it.
      await new Promise((r) => setTimeout(r, 300));
      expect(provider.calls).toBe(10);
      expect((await states(w, orders)).filter((s) => s === 'pending')).toHaveLength(2);
    } finally {
      provider.release();
    }
    expect(await run).toMatchObject({ claimed: 12, sent: 12 });
    expect(await states(w, orders)).toEqual(Array<string>(12).fill('sent'));
  }, 60_000);

  it('when EMAIL_CONCURRENCY is 4, then four calls are in flight at once and never more', async () => {
    const { w, orders } = await shippedEmails({ EMAIL_CONCURRENCY: '4' }, 12);
    const take = w.email.send.bind(w.email);
    let inFlight = 0;
    let mostInFlight = 0;
    w.email.send = async (email: OutgoingEmail) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        await new Promise((r) => setTimeout(r, 30));
        return await take(email);
      } finally {
        inFlight--;
      }
    };
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 12 });
    expect(mostInFlight).toBe(4);
    expect(await states(w, orders)).toEqual(Array<string>(12).fill('sent'));
  });
});
