import type { Container } from '../../app/container';
import { renewLeases, whileRenewing, type Claim } from '../../db/lease';
import { NotificationModel } from '../../db/models';
import type { ClaimedGroup, Transition } from '../../db/repositories/notification.repository';
import { decideSend } from '../domain/send-policy';
import type { Notification } from '../notification';
import type { EmailRenderer } from '../render/email-renderer';
import type { SmsRenderer } from '../render/sms-renderer';
import { composeMessage, mintStatusLink } from './compose-message';
import {
  addSummary,
  emptySummary,
  type DispatchOutcome,
  type DispatchSummary,
} from './dispatch-summary';
import {
  countAsSent,
  loadBatch,
  sentTodayAbout,
  suppressionOf,
  type DispatchBatch,
} from './load-batch';
import { decideFailure } from './send-failure';
import { Slots } from '../../shared/slots';
import { outgoingEmail, outgoingSms, senderScope, type Outgoing } from './outgoing';

export type { DispatchSummary } from './dispatch-summary';

type Deps = Pick<
  Container,
  'config' | 'logger' | 'clock' | 'processId' | 'repositories' | 'senders' | 'carriers' | 'metrics'
>;

/** One run drains due work for at most this long, then lets the next tick go on. */
const drainBudgetMs = 60_000;
/** Recording a provider's acceptance is retried this long before it is left to reconciliation. */
const recordRetryDelaysMs = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000];

/** A group ready to hand to its provider: the message is rendered, `sending` is next. */
interface ReadyGroup {
  group: ClaimedGroup;
  shipmentIds: string[];
  outgoing: Outgoing;
}

/** Provider calls that have answered, and their groups; the answers are not recorded yet. */
interface Answers {
  results: Array<{ claim: Claim; transition: Transition; outcome: DispatchOutcome }>;
  started: ReadyGroup[];
}

/** Groups' `sending` marks (leaders, counting an attempt) and `merged` marks (members). */
function sendingMarks(
  groups: ReadyGroup[],
  now: Date,
): Array<{ claim: Claim; transition: Transition }> {
  return groups.flatMap(({ group, shipmentIds }) => [
    {
      claim: group.leader.claim,
      transition: {
        state: 'sending',
        reason: 'handed_to_provider',
        set: { shipmentIds },
        incAttempts: true,
        keepLease: true,
        at: now,
      } satisfies Transition,
    },
    ...group.members.map((m) => ({
      claim: m.claim,
      transition: {
        state: 'skipped',
        reason: 'merged',
        detail: group.leader.notification.id,
        at: now,
      } satisfies Transition,
    })),
  ]);
}

/**
 * Turns due outbox entries into sent messages, a batch at a time:
 *
 *   claim groups → load (a few $in queries) → decide (pure policy) → render → then, with a
 *   channel's concurrency of calls in flight: mark `sending` → send → record (in one bulk write
 *   with the marks of the groups taking the freed slots, retried)
 *
 * The rule for crashes: everything that can fail is done before `sending` is recorded, because
 * neither SendGrid nor Twilio takes an idempotency key. After a provider accepted a message,
 * nothing can schedule a resend: if the acceptance cannot be recorded the notification stays
 * `sending`, is swept to `unknown` and reconciled with the provider.
 */
export class Dispatcher {
  private stopping = false;
  /**
   * Provider calls in flight per channel from this worker (`EMAIL_CONCURRENCY`,
   * `SMS_CONCURRENCY`), shared by overlapping batches. Calls that answer together are recorded
   * together, so more slots are fewer round trips: 32 emails sent 770-849/s in the dispatch
   * bench against 657-663/s at 16 (64: no better). A worker killed mid-batch leaves at most
   * this many to reconcile with the provider.
   */
  private readonly slots: Record<'email' | 'sms', Slots>;

  constructor(
    private readonly deps: Deps,
    private readonly renderers: Promise<{ email: EmailRenderer; sms: SmsRenderer }>,
    private readonly random: () => number = Math.random,
  ) {
    const { concurrency } = deps.config.notify;
    this.slots = { email: new Slots(concurrency.email), sms: new Slots(concurrency.sms) };
  }

  /** Stops claiming; the batch in hand is finished. */
  stop(): void {
    this.stopping = true;
  }

  async dispatchDue(): Promise<DispatchSummary> {
    const { repositories, clock, config, processId } = this.deps;
    const summary = emptySummary();
    const started = Date.now();
    const deadOwners = await repositories.heartbeats.deadOwners();
    summary.unknown += await repositories.notifications.markAbandonedSendsUnknown(
      clock.now(),
      deadOwners,
    );
    // A batch whose every call has started but not every one answered. The next batch is
    // claimed, loaded and rendered meanwhile, its calls taking the slots these free: with a slow
    // provider, waiting for a batch's slowest call before the next claim left most slots idle.
    let tail: Promise<DispatchSummary> | undefined;
    try {
      // Drain while work is due: one tick is not one batch.
      while (!this.stopping && Date.now() - started < drainBudgetMs) {
        const now = clock.now();
        const groups = await repositories.notifications.claimDueGroups({
          owner: processId,
          now,
          leaseMs: config.worker.leaseMs,
          limit: config.notify.batchSize,
          dueBy: new Date(now.getTime() - config.notify.groupWindowMs),
          deadOwners,
        });
        if (groups.length === 0) break;
        this.deps.metrics.claimed('notification', groups.flatMap(claimsOf));
        let allStarted: () => void = () => undefined;
        const calling = new Promise<void>((resolve) => (allStarted = resolve));
        const done = this.whileHolding(groups, () => this.dispatchBatch(groups, now, allStarted));
        await Promise.race([calling, done]);
        // One batch's tail at a time.
        if (tail) addSummary(summary, await tail);
        tail = done;
      }
    } finally {
      if (tail) addSummary(summary, await tail);
    }
    return summary;
  }

  /** Keeps the batch's leases alive while it is worked on (slow providers, long batches). */
  private whileHolding<T>(groups: ClaimedGroup[], work: () => Promise<T>): Promise<T> {
    const { config, clock, processId } = this.deps;
    const claims = groups.flatMap((g) => [g.leader.claim, ...g.members.map((m) => m.claim)]);
    const leaseMs = config.worker.leaseMs;
    return whileRenewing(
      () => renewLeases(NotificationModel, claims, { owner: processId, now: clock.now(), leaseMs }),
      leaseMs,
      (err) => this.deps.logger.warn({ err }, 'lease renewal failed'),
      work,
    );
  }

  /** Claimed groups to outcomes; `allStarted` is called once every provider call has begun. */
  private async dispatchBatch(
    groups: ClaimedGroup[],
    now: Date,
    allStarted: () => void,
  ): Promise<DispatchSummary> {
    const summary = emptySummary();
    summary.claimed = groups.reduce((n, g) => n + 1 + g.members.length, 0);
    const batch = await loadBatch(this.deps.repositories, groups, now);
    const decided: Array<{ claim: Claim; transition: Transition; outcome: DispatchOutcome }> = [];
    const toSend: Array<{ group: ClaimedGroup; shipmentIds: string[] }> = [];
    for (const group of groups) {
      const result = this.decide(group, batch, now);
      if ('transition' in result) {
        for (const claim of claimsOf(group))
          decided.push({ claim, transition: result.transition, outcome: result.outcome });
      } else {
        toSend.push({ group, shipmentIds: result.shipmentIds });
        const { id, channel } = group.leader.notification;
        countAsSent(batch, { id, channel, shipmentIds: result.shipmentIds });
      }
    }
    const allowed = await this.throttle(toSend, batch, now, decided);
    const ready: ReadyGroup[] = [];
    const renderers = await this.renderers;
    const retryLater = (group: ClaimedGroup) => {
      for (const claim of claimsOf(group))
        decided.push({
          claim,
          outcome: 'retried',
          transition: {
            state: 'pending',
            reason: 'render_failed',
            set: { notBefore: new Date(now.getTime() + this.deps.config.notify.retryBaseMs) },
            at: now,
          },
        });
    };
    // Every message's status link, minted and stored in one write before anything is sent.
    const links = allowed.map(({ group }) => {
      const n = group.leader.notification;
      return mintStatusLink(
        this.deps,
        batch.orders.get(n.orderId)!,
        batch.merchants.get(n.merchantId)!,
        batch.shipmentsByOrder.get(n.orderId) ?? [],
      );
    });
    const stored = await this.deps.repositories.statusTokens
      .createMany(links.map((l) => l.record))
      .then(
        () => true,
        (err: unknown) => {
          this.deps.logger.error({ err }, 'status links could not be stored; the batch will retry');
          return false;
        },
      );
    allowed.forEach((item, i) => {
      if (!stored) return retryLater(item.group);
      try {
        ready.push({ ...item, outgoing: this.render(item, batch, renderers, links[i]!.token) });
      } catch (err) {
        this.deps.logger.error(
          { err, notificationId: item.group.leader.notification.id },
          'message could not be rendered',
        );
        retryLater(item.group);
      }
    });
    const applied = await this.deps.repositories.notifications.transitionMany(decided);
    const channelOf = new Map(
      groups.flatMap((g) => claimsOf(g).map((c) => [c.id, g.leader.notification.channel])),
    );
    for (const d of decided)
      if (applied.has(d.claim.id)) {
        summary[d.outcome]++;
        this.deps.metrics.message(channelOf.get(d.claim.id)!, d.outcome, d.transition.reason);
      }
    addSummary(summary, await this.send(ready, allStarted));
    return summary;
  }

  /** The policy's answer for a group, or the shipments its one message covers. */
  private decide(
    group: ClaimedGroup,
    batch: DispatchBatch,
    now: Date,
  ): { transition: Transition; outcome: DispatchOutcome } | { shipmentIds: string[] } {
    const n = group.leader.notification;
    const order = batch.orders.get(n.orderId);
    const merchant = batch.merchants.get(n.merchantId);
    if (!order || !merchant)
      return {
        outcome: 'skipped',
        transition: { state: 'skipped', reason: 'order_gone', at: now },
      };
    const shipmentIds = [
      ...new Set([n, ...group.members.map((m) => m.notification)].flatMap((x) => x.shipmentIds)),
    ];
    const covered = (batch.shipmentsByOrder.get(order.id) ?? []).filter((s) =>
      shipmentIds.includes(s.id),
    );
    const suppression = suppressionOf(batch, n);
    const decision = decideSend({
      milestone: n.milestone,
      channel: n.channel,
      order,
      preferences: merchant.preferences,
      shipmentStatuses: covered.map((s) => s.status),
      suppression: suppression ?? (n.recipient ? null : 'no_recipient'),
      sentToday: sentTodayAbout(batch, n.channel, shipmentIds),
      now,
    });
    if (decision.action === 'skip')
      return {
        outcome: 'skipped',
        transition: { state: 'skipped', reason: decision.reason, detail: decision.detail, at: now },
      };
    if (decision.action === 'defer')
      return {
        outcome: 'deferred',
        transition: {
          state: 'pending',
          reason: `deferred_${decision.reason}`,
          detail: [decision.until.toISOString(), decision.detail].filter(Boolean).join(' '),
          set: { notBefore: decision.until },
          at: now,
        },
      };
    return { shipmentIds };
  }

  /**
   * Takes this second's slots per sender (one atomic update per sender, shared by all
   * workers); groups past the limit wait for the next second.
   */
  private async throttle(
    toSend: Array<{ group: ClaimedGroup; shipmentIds: string[] }>,
    batch: DispatchBatch,
    now: Date,
    decided: Array<{ claim: Claim; transition: Transition; outcome: DispatchOutcome }>,
  ) {
    const { config, repositories } = this.deps;
    const byScope = new Map<string, typeof toSend>();
    for (const item of toSend) {
      const n = item.group.leader.notification;
      const scope = senderScope(n.channel, batch.merchants.get(n.merchantId)!, config);
      byScope.set(scope, [...(byScope.get(scope) ?? []), item]);
    }
    const allowed: typeof toSend = [];
    for (const [scope, items] of byScope) {
      const channel = items[0]!.group.leader.notification.channel;
      const granted = await repositories.rateWindows.takeMany(
        scope,
        items.length,
        config.notify.perSecond[channel],
        now,
      );
      allowed.push(...items.slice(0, granted));
      for (const item of items.slice(granted))
        for (const claim of claimsOf(item.group))
          decided.push({
            claim,
            outcome: 'deferred',
            transition: {
              state: 'pending',
              reason: 'throughput_limit',
              detail: scope,
              set: { notBefore: new Date(now.getTime() + 1000) },
              at: now,
            },
          });
    }
    return allowed;
  }

  /** Composes and renders one group's message; everything that can fail happens here. */
  private render(
    item: { group: ClaimedGroup; shipmentIds: string[] },
    batch: DispatchBatch,
    renderers: { email: EmailRenderer; sms: SmsRenderer },
    statusToken: string,
  ): Outgoing {
    const n = item.group.leader.notification;
    const order = batch.orders.get(n.orderId)!;
    const merchant = batch.merchants.get(n.merchantId)!;
    const all = batch.shipmentsByOrder.get(order.id) ?? [];
    const message = composeMessage(
      this.deps,
      n,
      order,
      merchant,
      all.filter((s) => item.shipmentIds.includes(s.id)),
      all,
      statusToken,
    );
    if (n.channel === 'email')
      return outgoingEmail(n, merchant, message, renderers.email.render(message), this.deps.config);
    const textedKey = `${n.merchantId}:${n.recipient}`;
    const firstText = !batch.texted.has(textedKey);
    batch.texted.add(textedKey); // a second text in the same batch is not the first
    return outgoingSms(n, merchant, message, renderers.sms, firstText, this.deps.config);
  }

  /**
   * Hands the ready groups to their providers, each channel with up to its concurrency of calls
   * in flight at once (slots shared with the previous batch, whose last calls may still be
   * out). A slot is refilled as soon as its call has answered, so one slow call holds one slot
   * instead of a whole window of them. A group is marked `sending` just before
   * its call; the answers that have come in are recorded in the same bulk write that marks the
   * groups taking the freed slots (see `recordAndMark`), and answers that come in while that
   * write runs go in the next one. So a worker that dies mid-batch leaves only the calls it had
   * under way `sending` (to reconcile, at most the concurrency); the rest are still `pending`,
   * and the next worker sends them as soon as the dead worker's claims are free.
   */
  private async send(ready: ReadyGroup[], allStarted: () => void): Promise<DispatchSummary> {
    const summary = emptySummary();
    const channels = (['email', 'sms'] as const).map((channel) => {
      let started: () => void = () => undefined;
      const calling = new Promise<void>((resolve) => (started = resolve));
      const done = this.sendChannel(
        ready.filter((r) => r.outgoing.channel === channel),
        this.slots[channel],
        started,
      );
      return { calling: Promise.race([calling, done]), done };
    });
    void Promise.all(channels.map((c) => c.calling)).then(allStarted, allStarted);
    for (const channel of channels) addSummary(summary, await channel.done);
    return summary;
  }

  /**
   * One channel's groups through its slots (see `send`), shared with an overlapping batch;
   * `allStarted` is called once the last group's call has begun.
   */
  private async sendChannel(
    queue: ReadyGroup[],
    slots: Slots,
    allStarted: () => void,
  ): Promise<DispatchSummary> {
    const summary = emptySummary();
    const calls = new Set<Promise<void>>();
    let answered: Answers = { results: [], started: [] };
    let taken = 0;
    try {
      while (taken < queue.length || calls.size > 0 || answered.results.length > 0) {
        const taking = queue.slice(taken, taken + slots.take(queue.length - taken));
        taken += taking.length;
        if (taking.length > 0 || answered.results.length > 0) {
          const recording = answered;
          answered = { results: [], started: [] };
          const marks = sendingMarks(taking, this.deps.clock.now());
          const { recorded, marked } = await this.recordAndMark(
            recording.results.length > 0 ? recording : undefined,
            marks,
          ).catch((err: unknown) => {
            slots.give(taking.length);
            throw err;
          });
          addSummary(summary, this.counted(recording, recorded));
          summary.skipped += taking
            .flatMap((r) => r.group.members)
            .filter((m) => marked.has(m.claim.id)).length;
          for (const r of taking) {
            if (!marked.has(r.group.leader.claim.id)) {
              slots.give();
              continue;
            }
            const call: Promise<void> = this.callProvider(r)
              .then((result) => {
                answered.results.push(result);
                answered.started.push(r);
              })
              .finally(() => {
                calls.delete(call);
                slots.give();
              });
            calls.add(call);
          }
          if (taken === queue.length) allStarted();
        }
        // Waits for an answer of ours or, with groups still waiting, a slot freed by anyone.
        const waits: Array<Promise<void>> = [...calls];
        if (taken < queue.length) waits.push(slots.freed());
        if (answered.results.length === 0 && waits.length > 0) {
          await Promise.race(waits);
          // Calls that answer together are recorded together.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } catch (err) {
      // A write failed with calls still under way: what they answer is recorded before the
      // batch gives up, so only what cannot be written at all is left to reconciliation.
      await Promise.all(calls);
      if (answered.results.length > 0) await this.record(answered.results);
      throw err;
    }
    return summary;
  }

  /**
   * Records provider answers and marks the groups taking the freed slots `sending` (leaders)
   * and `merged` (members) in one fenced bulk write: the documents are disjoint and the order of
   * events is the one-by-one order, at one round trip instead of two. If that write fails, the
   * answers are recorded on their own with `record`'s retries, then the marks.
   */
  private async recordAndMark(
    called: Answers | undefined,
    marks: Array<{ claim: Claim; transition: Transition }>,
  ): Promise<{ recorded: Set<string>; marked: Set<string> }> {
    const { notifications } = this.deps.repositories;
    if (!called) return { recorded: new Set(), marked: await notifications.transitionMany(marks) };
    try {
      // Claim ids are distinct across the two lists, so one set answers for both.
      const applied = await notifications.transitionMany([...called.results, ...marks]);
      return { recorded: applied, marked: applied };
    } catch (err) {
      this.deps.logger.warn(
        { err },
        'recording answers with the next marks failed; separately now',
      );
      const recorded = await this.record(called.results);
      return { recorded, marked: await notifications.transitionMany(marks) };
    }
  }

  /** Calls the provider for a group marked `sending`; what it said, not yet recorded. */
  private async callProvider(r: ReadyGroup): Promise<Answers['results'][number]> {
    const { repositories, clock } = this.deps;
    const n = r.group.leader.notification;
    const claim = r.group.leader.claim;
    try {
      const { providerMessageId } = await this.call(r.outgoing);
      const at = clock.now();
      this.logFor(n).info({ providerMessageId }, 'notification sent');
      return {
        claim,
        outcome: 'sent',
        transition: {
          state: 'sent',
          reason: 'provider_accepted',
          set: { providerMessageId, sentAt: at },
          at,
        },
      };
    } catch (error) {
      const failure = decideFailure(
        error,
        n.attempts + 1,
        this.deps.config.notify,
        this.random(),
        clock.now(),
      );
      this.logFor(n).warn(
        { outcome: failure.outcome, reason: failure.transition.reason },
        'send failed',
      );
      if (failure.suppress) {
        // The answer is recorded either way; a lost suppression is re-learnt from the provider.
        await repositories.suppressions
          .add({
            channel: n.channel,
            address: n.recipient,
            merchantId: '',
            reason: failure.suppress,
            source: 'provider_error',
          })
          .catch((err: unknown) =>
            this.logFor(n).error({ err }, 'suppression after a provider refusal not recorded'),
          );
      }
      return { claim, outcome: failure.outcome, transition: failure.transition };
    }
  }

  /** The outcomes of answers that were recorded, counted and told to the metrics. */
  private counted(called: Answers, recorded: Set<string>): Partial<DispatchSummary> {
    const summary: Partial<DispatchSummary> = {};
    for (const r of called.results) {
      if (!recorded.has(r.claim.id)) continue;
      summary[r.outcome] = (summary[r.outcome] ?? 0) + 1;
      const { channel } = called.started.find(
        (s) => s.group.leader.claim.id === r.claim.id,
      )!.outgoing;
      this.deps.metrics.message(channel, r.outcome, r.transition.reason);
    }
    return summary;
  }

  /** Every line about a notification names it, its shipments and the web request behind it. */
  private logFor(notification: Notification) {
    const { id, shipmentIds, requestId } = notification;
    return this.deps.logger.child({ notificationId: id, shipmentIds, requestId });
  }

  private call(outgoing: Outgoing): Promise<{ providerMessageId: string }> {
    return outgoing.channel === 'email'
      ? this.deps.senders.email.send(outgoing.email)
      : this.deps.senders.sms.send(outgoing.sms);
  }

  /**
   * Records provider answers, retrying while the database is unreachable. What still cannot be
   * written stays `sending` and is reconciled: an accepted message is never sent again.
   */
  private async record(
    results: Array<{ claim: Claim; transition: Transition; outcome: DispatchOutcome }>,
  ): Promise<Set<string>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deps.repositories.notifications.transitionMany(results);
      } catch (err) {
        const delay = recordRetryDelaysMs[attempt];
        if (delay === undefined) {
          this.deps.logger.error(
            { err, notifications: results.map((r) => r.claim.id) },
            'provider answers could not be recorded; left for reconciliation',
          );
          return new Set();
        }
        this.deps.logger.warn({ err, attempt }, 'recording provider answers failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

const claimsOf = (group: ClaimedGroup): Claim[] => [
  group.leader.claim,
  ...group.members.map((m) => m.claim),
];
