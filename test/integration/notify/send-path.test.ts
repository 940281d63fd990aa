import { hashStatusToken } from '../../../src/orders/status-token';
import { ShipmentModel, WorkerHeartbeatModel } from '../../../src/db/models';
import { NotificationRepository } from '../../../src/db/repositories/notification.repository';
import { useTestDatabase } from '../../support/test-app';
import {
  milestone,
  ofWorld,
  outbox,
  reasons,
  shippedEmails,
  until,
  world,
  type World,
} from './dispatch-world';

useTestDatabase();

/** Makes the next `count` bulk transitions into `state` fail as if the database went away. */
function databaseBlinksOn(repo: NotificationRepository, state: string, count: number) {
  const real = repo.transitionMany.bind(repo);
  let left = count;
  repo.transitionMany = async (transitions) => {
    if (left > 0 && transitions.some((t) => t.transition.state === state)) {
      left--;
      throw new Error('connection reset: database unreachable');
    }
    return real(transitions);
  };
}

/** The provider takes every email and answers none until released: a worker frozen mid-send. */
function freezeEmailCalls(w: World): { inFlight: () => number; release: () => void } {
  const answers: Array<() => void> = [];
  const take = w.email.send.bind(w.email);
  w.email.send = async (email) => {
    const taken = await take(email);
    await new Promise<void>((resolve) => answers.push(resolve));
    return taken;
  };
  return { inFlight: () => answers.length, release: () => answers.splice(0).forEach((a) => a()) };
}

describe('the send path', () => {
  it('when the database blinks right after the provider accepted, then the acceptance is recorded on retry and nothing is sent twice', async () => {
    const w = await world();
    w.merchant.preferences.matrix.shipped.sms = false;
    await w.app.repositories.merchants.update(w.merchant.id, {
      preferences: w.merchant.preferences,
    });
    await milestone(w, 'shipped');
    databaseBlinksOn(w.app.repositories.notifications, 'sent', 2);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 1, retried: 0 });
    expect(w.email.sent).toHaveLength(1);
    const [n] = await outbox(w);
    expect(n).toMatchObject({ state: 'sent', providerMessageId: 'email-1' });
    w.clock.advance(3_600_000);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ claimed: 0 });
    expect(w.email.sent).toHaveLength(1);
  }, 60_000);

  it('when the acceptance can never be recorded, then the notification is left sending, swept to unknown and never resent', async () => {
    const w = await world();
    w.merchant.preferences.matrix.shipped.sms = false;
    await w.app.repositories.merchants.update(w.merchant.id, {
      preferences: w.merchant.preferences,
    });
    await milestone(w, 'shipped');
    databaseBlinksOn(w.app.repositories.notifications, 'sent', 100);
    await w.app.notify.dispatcher.dispatchDue();
    expect((await outbox(w))[0]?.state).toBe('sending');
    w.clock.advance(w.app.config.worker.leaseMs + 1);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ unknown: 1, claimed: 0 });
    expect(reasons((await outbox(w))[0])?.at(-1)).toBe('unknown:outcome_unknown');
    expect(w.email.sent).toHaveLength(1);
  }, 90_000);

  it('when the status links cannot be stored, then nothing is marked sending and it is retried later with a link that opens', async () => {
    const w = await world();
    w.merchant.preferences.matrix.shipped.sms = false;
    await w.app.repositories.merchants.update(w.merchant.id, {
      preferences: w.merchant.preferences,
    });
    await milestone(w, 'shipped');
    const tokens = w.app.repositories.statusTokens;
    const createMany = tokens.createMany.bind(tokens);
    tokens.createMany = async () => {
      throw new Error('token store unavailable');
    };
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ retried: 1, sent: 0 });
    const [n] = await outbox(w);
    expect(n?.state).toBe('pending');
    expect(n?.attempts).toBe(0);
    expect(reasons(n)).not.toContain('sending:handed_to_provider');
    expect(reasons(n)?.at(-1)).toBe('pending:render_failed');
    tokens.createMany = createMany;
    w.clock.advance(3_600_000);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    // The link in the email is one the batch stored.
    const token = /\/t\/([\w-]{22})"/.exec(w.email.sent[0]!.html)![1]!;
    const stored = await tokens.findUsable(
      hashStatusToken(token, w.app.config.security.tokenSecret),
      w.clock.now(),
    );
    expect(stored).toMatchObject({ orderId: w.order.id, merchantId: w.merchant.id });
  });

  it('when the sweep marked a paused worker’s send unknown, then that worker’s late write is refused', async () => {
    const w = await world();
    await milestone(w, 'shipped');
    const [group] = await w.app.repositories.notifications.claimDueGroups({
      owner: 'paused',
      now: w.clock.now(),
      leaseMs: 60_000,
      limit: 1,
      dueBy: w.clock.now(),
    });
    const claim = group!.leader.claim;
    await w.app.repositories.notifications.transition(claim.id, claim.fence, {
      state: 'sending',
      reason: 'handed_to_provider',
      keepLease: true,
      at: w.clock.now(),
    });
    w.clock.advance(61_000);
    await w.app.notify.dispatcher.dispatchDue();
    const late = await w.app.repositories.notifications.transition(claim.id, claim.fence, {
      state: 'sent',
      reason: 'provider_accepted',
      at: w.clock.now(),
    });
    expect(late).toBe(false);
    const n = (await outbox(w)).find((x) => x.id === claim.id);
    expect(n?.state).toBe('unknown');
  });

  it('when a worker holding claims stops beating, then another takes them over within seconds, not a whole lease', async () => {
    const w = await world({ LEASE_SECONDS: '600' });
    w.merchant.preferences.matrix.shipped.sms = false;
    await w.app.repositories.merchants.update(w.merchant.id, {
      preferences: w.merchant.preferences,
    });
    await milestone(w, 'shipped');
    await w.app.repositories.heartbeats.beat('killed-worker', new Date(Date.now() - 60_000));
    await w.app.repositories.notifications.claimDueGroups({
      owner: 'killed-worker',
      now: w.clock.now(),
      leaseMs: 600_000,
      limit: 10,
      dueBy: w.clock.now(),
    });
    // Its lease has ten minutes left, but its owner's last beat is a minute old.
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(w.email.sent).toHaveLength(1);
    await WorkerHeartbeatModel.deleteMany({});
  });

  it('when a live worker holds a claim, then nobody takes it while it beats', async () => {
    const w = await world({ LEASE_SECONDS: '600' });
    await milestone(w, 'shipped');
    await w.app.repositories.heartbeats.beat('live-worker');
    await w.app.repositories.notifications.claimDueGroups({
      owner: 'live-worker',
      now: w.clock.now(),
      leaseMs: 600_000,
      limit: 10,
      dueBy: w.clock.now(),
    });
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ claimed: 0 });
    await WorkerHeartbeatModel.deleteMany({});
  });

  it('when a worker dies partway through a batch, then only the calls it had under way wait for reconciliation; the next worker sends the rest', async () => {
    // More messages than there are slots (32 emails), so some are still waiting.
    const total = 40;
    const { w, orders } = await shippedEmails({}, total);
    const frozen = freezeEmailCalls(w);
    const run = w.app.notify.dispatcher.dispatchDue();
    await until(() => frozen.inFlight() > 0);
    const inFlight = frozen.inFlight();
    expect(inFlight).toBeLessThan(total);
    let records = await ofWorld(w, orders);
    expect(records.filter((n) => n.state === 'sending')).toHaveLength(inFlight);
    const waiting = records.filter((n) => n.state === 'pending');
    expect(waiting).toHaveLength(total - inFlight);
    for (const n of waiting) expect(reasons(n)).toEqual(['pending:created']);

    // The frozen worker is given up on; the next one sweeps its calls and sends what was waiting.
    const next = await world({}, 1, 'next-worker');
    next.clock.set(new Date(w.clock.now().getTime() + w.app.config.worker.leaseMs + 1));
    expect(await next.app.notify.dispatcher.dispatchDue()).toMatchObject({
      unknown: inFlight,
      sent: total - inFlight,
    });
    expect(next.email.sent.map((e) => e.to).sort()).toEqual(waiting.map((n) => n.recipient).sort());

    frozen.release();
    await run;
    records = await ofWorld(w, orders);
    expect(w.email.sent).toHaveLength(inFlight);
    expect(records.filter((n) => n.state === 'unknown')).toHaveLength(inFlight);
    expect(records.filter((n) => n.state === 'sent')).toHaveLength(total - inFlight);
  }, 60_000);

  it('when two workers dispatch an order whose two parcels fell due together, then the guest gets one message per channel', async () => {
    const a = await world({}, 2, 'worker-a');
    const b = { ...a, app: (await world({}, 1, 'worker-b')).app };
    await ShipmentModel.updateMany({ orderId: a.order.id }, { $set: { status: 'in_transit' } });
    for (const s of a.shipments) await milestone(a, 'out_for_delivery', s);
    const results = await Promise.all([
      a.app.notify.dispatcher.dispatchDue(),
      b.app.notify.dispatcher.dispatchDue(),
    ]);
    const sent = results.reduce((n, r) => n + r.sent, 0);
    const emails = [...a.email.sent, ...(b.app.senders.email as typeof a.email).sent];
    expect(emails.filter((e) => e.to === a.order.guest.email)).toHaveLength(1);
    expect(sent).toBe(2); // one email and one text, each covering both parcels
    const records = await outbox(a);
    expect(records.filter((n) => n.state === 'sent')).toHaveLength(2);
    expect(records.filter((n) => n.history.at(-1)?.reason === 'merged')).toHaveLength(2);
  });
});
