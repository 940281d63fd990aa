import { Types } from 'mongoose';
import { buildContainer, type Container } from '../../../src/app/container';
import type { Notification } from '../../../src/notify/notification';
import { ManualClock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import { FakeProvider } from '../../fakes/fake-provider';
import { sample } from '../../support/prometheus-text';
import { testConfig, useTestDatabase } from '../../support/test-app';

useTestDatabase();

const sid = 'AC00000000000000000000000000000000';
const provider = new FakeProvider({
  sendgridApiKey: 'SG.fake',
  twilio: { accountSid: sid, authToken: 'token' },
});
let url = '';
beforeAll(async () => {
  url = await provider.start();
});
afterAll(() => provider.stop());
beforeEach(() => {
  provider.activity = 'ok';
});

const waitSeconds = 60;
let counter = 0;

function app(env: Record<string, string> = {}): { app: Container; clock: ManualClock } {
  // updatedAt is the database's wall clock; the service's clock is moved past the wait.
  const clock = new ManualClock(new Date(Date.now() + (waitSeconds + 5) * 1000));
  const config = testConfig({
    EMAIL_TRANSPORT: 'sendgrid',
    SENDGRID_API_KEY: 'SG.fake',
    SENDGRID_API_HOST: url,
    SMS_TRANSPORT: 'twilio',
    TWILIO_ACCOUNT_SID: sid,
    TWILIO_AUTH_TOKEN: 'token',
    TWILIO_FROM_NUMBER: '+15005550006',
    TWILIO_API_BASE_URL: url,
    RECONCILE_AFTER_SECONDS: String(waitSeconds),
    ...env,
  });
  return {
    app: buildContainer(config, createLogger('silent'), { clock, processId: `r-${++counter}` }),
    clock,
  };
}

/** A notification whose send went out (or not) and whose outcome was never recorded. */
async function unknownNotification(c: Container, channel: 'email' | 'sms'): Promise<Notification> {
  const n = ++counter;
  const now = new Date();
  const key = `reconcile-${n}-${Date.now()}`;
  await c.repositories.notifications.addIntents(
    [
      {
        idempotencyKey: key,
        merchantId: new Types.ObjectId().toHexString(),
        orderId: new Types.ObjectId().toHexString(),
        shipmentIds: [],
        milestone: 'out_for_delivery',
        channel,
        recipient: channel === 'email' ? `guest${n}@example.com` : `+1202555${1000 + n}`,
        template: 'out_for_delivery',
        locale: 'en',
        notBefore: new Date(now.getTime() - 1000),
      },
    ],
    now,
  );
  const claims = (
    await c.repositories.notifications.claimDueGroups({
      owner: 'crashed-worker',
      now,
      leaseMs: 60_000,
      limit: 100,
      dueBy: now,
    })
  ).map((g) => g.leader.claim);
  for (const claim of claims) {
    const found = await c.repositories.notifications.findById(claim.id);
    if (found?.idempotencyKey !== key) continue;
    await c.repositories.notifications.transition(claim.id, claim.fence, {
      state: 'sending',
      reason: 'handed_to_provider',
      keepLease: true,
      at: now,
    });
    await c.repositories.notifications.transition(claim.id, claim.fence, {
      state: 'unknown',
      reason: 'outcome_unknown',
      at: now,
    });
    return (await c.repositories.notifications.findById(claim.id))!;
  }
  throw new Error('intent not claimed');
}

async function sendThroughProvider(c: Container, n: Notification): Promise<string> {
  if (n.channel === 'email') {
    const { providerMessageId } = await c.senders.email.send({
      to: n.recipient,
      from: { email: 'orders@shop.example' },
      subject: 'Out for delivery',
      html: '<p>Soon</p>',
      text: 'Soon',
      customArgs: { notificationId: n.id },
    });
    return providerMessageId;
  }
  const { providerMessageId } = await c.senders.sms.send({
    to: n.recipient,
    body: 'Out for delivery',
    from: '+15005550006',
    statusCallback: `http://127.0.0.1:1/webhooks/twilio/status?n=${n.id}`,
  });
  return providerMessageId;
}

const lastReason = (n: Notification | null) => n?.history.at(-1);

/** porchlight_reconciliations_total for one channel and outcome, as GET /metrics serves it. */
async function reconciliations(c: Container, channel: string, outcome: string) {
  const text = await c.metricsRegistry.metrics();
  return sample(text, 'porchlight_reconciliations_total', { channel, outcome });
}

describe('reconciling unknown outcomes with the provider (fake provider, real SDKs)', () => {
  it.each(['email', 'sms'] as const)(
    'when the provider has the %s, then it is marked sent with the provider id',
    async (channel) => {
      const { app: c } = app();
      const n = await unknownNotification(c, channel);
      const providerMessageId = await sendThroughProvider(c, n);
      const summary = await c.notify.reconciler.reconcileUnknown();
      expect(summary).toMatchObject({ sent: 1, notSent: 0, cannotAsk: 0 });
      const after = await c.repositories.notifications.findById(n.id);
      expect(after).toMatchObject({ state: 'sent', providerMessageId, lease: null });
      expect(lastReason(after)).toMatchObject({ state: 'sent', reason: 'reconciled_sent' });
      expect(await reconciliations(c, channel, 'sent')).toBe(1);
      expect(await reconciliations(c, channel, 'cannot_ask')).toBe(0);
    },
  );

  it.each(['email', 'sms'] as const)(
    'when the provider never got the %s, then it goes back to pending to be sent',
    async (channel) => {
      const { app: c, clock } = app();
      const n = await unknownNotification(c, channel);
      await sendThroughProvider(c, { ...n, id: new Types.ObjectId().toHexString() });
      expect(await c.notify.reconciler.reconcileUnknown()).toMatchObject({ notSent: 1 });
      const after = await c.repositories.notifications.findById(n.id);
      expect(after).toMatchObject({ state: 'pending', lease: null, notBefore: clock.now() });
      expect(lastReason(after)).toMatchObject({ reason: 'reconciled_not_sent' });
      expect(await reconciliations(c, channel, 'not_sent')).toBe(1);
    },
  );

  it('when SendGrid refuses Email Activity (no add-on), then it stays unknown and the record and /metrics say it cannot ask', async () => {
    provider.activity = 'forbidden';
    const { app: c, clock } = app();
    const n = await unknownNotification(c, 'email');
    expect(await c.notify.reconciler.reconcileUnknown()).toMatchObject({ cannotAsk: 1 });
    const after = await c.repositories.notifications.findById(n.id);
    expect(after?.state).toBe('unknown');
    expect(lastReason(after)).toMatchObject({
      reason: 'cannot_ask',
      detail: 'sendgrid_email_activity_403',
    });
    expect(await reconciliations(c, 'email', 'cannot_ask')).toBe(1);
    expect(await reconciliations(c, 'email', 'sent')).toBe(0);
    // The record counts as a change: it is not asked again before another wait.
    clock.set(new Date());
    expect(await c.notify.reconciler.reconcileUnknown()).toMatchObject({ claimed: 0 });
    expect(await reconciliations(c, 'email', 'cannot_ask')).toBe(1);
  });

  it('when the channel has no provider API (log transport), then the record and /metrics say it cannot ask', async () => {
    const { app: c } = app({ SMS_TRANSPORT: 'log' });
    const n = await unknownNotification(c, 'sms');
    await c.notify.reconciler.reconcileUnknown();
    expect(lastReason(await c.repositories.notifications.findById(n.id))).toMatchObject({
      reason: 'cannot_ask',
      detail: 'no_provider_api_for_sms',
    });
    expect(await reconciliations(c, 'sms', 'cannot_ask')).toBe(1);
  });

  it('when the outcome became unknown less than the wait ago, then the provider is not asked yet', async () => {
    const { app: c, clock } = app();
    clock.set(new Date());
    const n = await unknownNotification(c, 'email');
    const asked = provider.accepted.length;
    expect(await c.notify.reconciler.reconcileUnknown()).toMatchObject({ claimed: 0 });
    expect((await c.repositories.notifications.findById(n.id))?.state).toBe('unknown');
    expect(provider.accepted.length).toBe(asked);
  });
});
