import { NotificationModel, ShipmentModel, WorkerHeartbeatModel } from '../../../src/db/models';
import { SendError } from '../../../src/notify/senders/send-error';
import { permanent, transient } from '../../fakes/recording-senders';
import { useTestDatabase } from '../../support/test-app';
import { middayInNewYork, milestone, outbox, reasons, world } from './dispatch-world';

useTestDatabase();

/** A world whose shipped and out-for-delivery milestones email only, one message a day at most. */
async function emailOnlyCappedAtOne() {
  const w = await world();
  w.merchant.preferences.matrix.shipped.sms = false;
  w.merchant.preferences.matrix.out_for_delivery.sms = false;
  await w.app.repositories.merchants.update(w.merchant.id, {
    preferences: { ...w.merchant.preferences, maxMessagesPerShipmentPerDay: 1 },
  });
  return w;
}

describe('the dispatcher', () => {
  it('when a milestone is due, then email and SMS are sent once, with the status link, unsubscribe headers and the first-text opt-out line', async () => {
    const w = await world();
    await milestone(w, 'out_for_delivery');
    const summary = await w.app.notify.dispatcher.dispatchDue();
    expect(summary).toMatchObject({ claimed: 2, sent: 2 });
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ claimed: 0, sent: 0 });

    const [mail] = w.email.sent;
    expect(mail?.to).toBe(w.order.guest.email);
    expect(mail?.from.email).toBe('orders@juniper.example');
    expect(mail?.subject).toBe(`Out for delivery today: order ${w.order.orderNumber}`);
    expect(mail?.headers?.['List-Unsubscribe']).toMatch(
      /^<http:\/\/localhost:0\/u\/[0-9a-f]{24}\.[\w-]+>$/,
    );
    expect(mail?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail?.html).toMatch(/href="http:\/\/localhost:0\/t\/[\w-]{22}"/);
    const [text] = w.sms.sent;
    expect(text?.to).toBe(w.order.guest.phone);
    expect(text?.messagingServiceSid).toBe('MG123');
    expect(text?.body).toMatch(
      /Juniper & Pine: .* Msg & data rates may apply\. Reply HELP for help, STOP to opt out\.$/,
    );
    expect(text?.statusCallback).toBe(
      `http://localhost:0/webhooks/twilio/status?n=${(await outbox(w)).find((n) => n.channel === 'sms')?.id}`,
    );

    const records = await outbox(w);
    expect(records.map((n) => n.state)).toEqual(['sent', 'sent']);
    expect(reasons(records[0])).toEqual([
      'pending:created',
      'sending:handed_to_provider',
      'sent:provider_accepted',
    ]);

    await milestone(w, 'delivered');
    await w.app.notify.dispatcher.dispatchDue();
    expect(w.sms.sent[1]?.body).not.toContain('STOP');
  });

  it('when the provider fails transiently, then it retries with backoff and gives up after the configured attempts', async () => {
    const w = await world({ NOTIFY_MAX_ATTEMPTS: '2' });
    w.merchant.preferences.matrix.shipped.sms = false;
    await milestone(w, 'shipped');
    w.email.failWith.push(transient(), transient());
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ retried: 1 });
    let [n] = await outbox(w);
    expect(n?.state).toBe('pending');
    expect(n?.attempts).toBe(1);
    expect(n!.notBefore.getTime()).toBeGreaterThanOrEqual(middayInNewYork.getTime() + 5_000);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ claimed: 0 }); // not due yet
    w.clock.advance(60_000);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ failed: 1 });
    [n] = await outbox(w);
    expect(n?.state).toBe('failed');
    expect(reasons(n)?.at(-1)).toBe('failed:retries_exhausted');
    expect(w.email.sent).toHaveLength(0);
  });

  it('when a 429 names a Retry-After, then the retry waits at least that long', async () => {
    const w = await world();
    w.merchant.preferences.matrix.shipped.sms = false;
    await milestone(w, 'shipped');
    w.email.failWith.push(
      new SendError('transient', 'rate limited', { providerCode: '429', retryAfterMs: 120_000 }),
    );
    await w.app.notify.dispatcher.dispatchDue();
    const [n] = await outbox(w);
    expect(n!.notBefore.getTime()).toBe(middayInNewYork.getTime() + 120_000);
    w.clock.advance(120_000);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
  });

  it('when Twilio says the recipient unsubscribed (21610), then it fails at once and the number is suppressed for the next milestone', async () => {
    const w = await world();
    await milestone(w, 'out_for_delivery');
    w.sms.failWith.push(permanent('21610'));
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 1, failed: 1 });
    const sms = (await outbox(w)).find((n) => n.channel === 'sms');
    expect(reasons(sms)?.at(-1)).toBe('failed:provider:21610');
    await milestone(w, 'delivered');
    await w.app.notify.dispatcher.dispatchDue();
    const next = (await outbox(w)).find((n) => n.channel === 'sms' && n.milestone === 'delivered');
    expect(next?.state).toBe('skipped');
    expect(next?.history.at(-1)).toMatchObject({ reason: 'suppressed', detail: 'provider:21610' });
    expect(w.sms.sent).toHaveLength(0);
  });

  it('when the daily cap is reached on email, then SMS still goes, a key milestone still goes, and a minor one waits with its reason', async () => {
    const w = await world();
    await w.app.repositories.merchants.update(w.merchant.id, {
      preferences: { ...w.merchant.preferences, maxMessagesPerShipmentPerDay: 1 },
    });
    await milestone(w, 'out_for_delivery');
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 2 });
    await milestone(w, 'available_for_pickup');
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 2 });
    await milestone(w, 'stalled');
    await w.app.notify.dispatcher.dispatchDue();
    const stalled = (await outbox(w)).find(
      (n) => n.milestone === 'stalled' && n.channel === 'email',
    );
    expect(stalled?.state).toBe('pending');
    expect(reasons(stalled)?.at(-1)).toBe('pending:deferred_daily_cap');
    expect(stalled?.history.at(-1)?.detail).toMatch(/email messages already sent in the last day/);
    expect(stalled?.notBefore).toEqual(new Date('2026-06-11T12:00:00Z'));
    // The outbox is shared by every test here; a message left waiting would be claimed by the next.
    await NotificationModel.deleteMany({ orderId: w.order.id });
  });

  it('when two milestones of one shipment fall due together and the cap allows one, then one is sent and the other waits for the morning', async () => {
    const w = await emailOnlyCappedAtOne();
    await milestone(w, 'shipped');
    await milestone(w, 'out_for_delivery');
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({
      claimed: 2,
      sent: 1,
      deferred: 1,
    });
    expect(w.email.sent).toHaveLength(1);
    const waiting = (await outbox(w)).find((n) => n.state === 'pending');
    expect(reasons(waiting)?.at(-1)).toBe('pending:deferred_daily_cap');
    await NotificationModel.deleteMany({ orderId: w.order.id });
  });

  it("when a message about a shipment is still with the provider (another worker's call), then under a cap of one the next milestone waits", async () => {
    const w = await emailOnlyCappedAtOne();
    await milestone(w, 'shipped');
    // A live worker has claimed it and handed it to SendGrid, which has not answered yet.
    await w.app.repositories.heartbeats.beat('busy-worker');
    const [claimed] = await w.app.repositories.notifications.claimDueGroups({
      owner: 'busy-worker',
      now: w.clock.now(),
      leaseMs: 600_000,
      limit: 10,
      dueBy: w.clock.now(),
    });
    await NotificationModel.updateOne(
      { _id: claimed!.leader.notification.id },
      { $set: { state: 'sending' } },
    );
    await milestone(w, 'out_for_delivery');
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({
      claimed: 1,
      sent: 0,
      deferred: 1,
    });
    expect(w.email.sent).toHaveLength(0);
    const waiting = (await outbox(w)).find((n) => n.milestone === 'out_for_delivery');
    expect(reasons(waiting)?.at(-1)).toBe('pending:deferred_daily_cap');
    await NotificationModel.deleteMany({ orderId: w.order.id });
    await WorkerHeartbeatModel.deleteMany({});
  });

  it('when the guest texted STOP, then a new milestone sends no SMS; when they unsubscribed from email, no email', async () => {
    const w = await world();
    await w.app.repositories.suppressions.add({
      channel: 'sms',
      address: w.order.guest.phone as string,
      merchantId: '',
      reason: 'stop',
    });
    await w.app.repositories.suppressions.add({
      channel: 'email',
      address: (w.order.guest.email as string).toUpperCase(),
      merchantId: w.merchant.id,
      reason: 'unsubscribe',
    });
    await milestone(w, 'out_for_delivery');
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ skipped: 2, sent: 0 });
    expect(w.sms.sent).toHaveLength(0);
    expect(w.email.sent).toHaveLength(0);
  });

  it('when the outcome of a send cannot be observed, then it becomes unknown and is not resent', async () => {
    const w = await world();
    w.merchant.preferences.matrix.shipped.sms = false;
    await milestone(w, 'shipped');
    w.email.failWith.push(new SendError('unknown_outcome', 'timed out after the request was sent'));
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ unknown: 1 });
    w.clock.advance(3_600_000);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ claimed: 0 });
    expect((await outbox(w))[0]?.state).toBe('unknown');
  });

  it('when a worker crashed while sending, then after its lease expires the notification is marked unknown, never sent again', async () => {
    const w = await world();
    w.merchant.preferences.matrix.shipped.sms = false;
    await milestone(w, 'shipped');
    const [group] = await w.app.repositories.notifications.claimDueGroups({
      owner: 'crashed',
      now: w.clock.now(),
      leaseMs: 60_000,
      limit: 1,
      dueBy: w.clock.now(),
    });
    const claim = group?.leader.claim;
    await w.app.repositories.notifications.transition(claim!.id, claim!.fence, {
      state: 'sending',
      reason: 'handed_to_provider',
      keepLease: true,
      at: w.clock.now(),
    });
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ claimed: 0, unknown: 0 });
    w.clock.advance(61_000);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ unknown: 1, claimed: 0 });
    const [n] = await outbox(w);
    expect(reasons(n)?.at(-1)).toBe('unknown:outcome_unknown');
    expect(w.email.sent).toHaveLength(0);
  });

  it('when an SMS falls due at night for the guest, then it is deferred to 08:00 and sent then', async () => {
    const w = await world();
    w.clock.set('2026-06-10T06:00:00Z'); // 02:00 in New York
    await milestone(w, 'out_for_delivery');
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 1, deferred: 1 });
    const sms = (await outbox(w)).find((n) => n.channel === 'sms');
    expect(sms?.notBefore.toISOString()).toBe('2026-06-10T12:00:00.000Z');
    expect(reasons(sms)?.at(-1)).toBe('pending:deferred_quiet_hours');
    w.clock.set('2026-06-10T12:00:00Z');
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(w.sms.sent).toHaveLength(1);
  });

  it('when two shipments of one order are delivered together, then one email lists both and says the whole order arrived', async () => {
    const w = await world({}, 2);
    w.merchant.preferences.matrix.delivered.sms = false;
    await w.app.repositories.merchants.update(w.merchant.id, {
      preferences: w.merchant.preferences,
    });
    await ShipmentModel.updateMany(
      { orderId: w.order.id },
      { $set: { status: 'delivered', finalAt: w.clock.now() } },
    );
    for (const s of w.shipments) await milestone(w, 'delivered', s);
    expect(await w.app.notify.dispatcher.dispatchDue()).toMatchObject({
      claimed: 2,
      sent: 1,
      skipped: 1,
    });
    expect(w.email.sent).toHaveLength(1);
    expect(w.email.sent[0]?.text).toContain('Your whole order has arrived.');
    for (const s of w.shipments) expect(w.email.sent[0]?.text).toContain(s.trackingNumber);
    const records = await outbox(w);
    expect(records.map((n) => `${n.state}:${n.history.at(-1)?.reason}`).sort()).toEqual([
      'sent:provider_accepted',
      'skipped:merged',
    ]);
  });

  it('when more texts fall due in one second than the sender allows, then the rest wait for the next second, across workers', async () => {
    const a = await world({ SMS_SENDS_PER_SECOND: '1' });
    const b = await world({ SMS_SENDS_PER_SECOND: '1' });
    for (const w of [a, b]) {
      w.clock.set('2026-06-11T16:00:00Z');
      await milestone(w, 'out_for_delivery');
    }
    const [first, second] = await Promise.all([
      a.app.notify.dispatcher.dispatchDue(),
      b.app.notify.dispatcher.dispatchDue(),
    ]);
    expect(first.sent + second.sent).toBe(3); // two emails, one text
    expect(first.deferred + second.deferred).toBe(1);
    const waiting = [...(await outbox(a)), ...(await outbox(b))].find(
      (n) => n.history.at(-1)?.reason === 'throughput_limit',
    );
    expect(waiting?.notBefore.toISOString()).toBe('2026-06-11T16:00:01.000Z');
  });
});
