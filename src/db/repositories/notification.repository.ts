import { randomUUID } from 'node:crypto';
import { NotificationModel } from '../models';
import {
  candidateQuery,
  claimCandidates,
  claimDue,
  leaseFreeNow,
  type Candidate,
  type Claim,
  type LeaseOptions,
} from '../lease';
import { isDuplicateKeyError, objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { Notification, NotificationState } from '../../notify/notification';

/** A state change recorded with its reason; applied only while the writer holds the fence. */
export interface Transition {
  state: NotificationState;
  reason: string;
  detail?: string;
  at: Date;
  set?: Partial<
    Pick<Notification, 'notBefore' | 'providerMessageId' | 'sentAt' | 'lastError' | 'shipmentIds'>
  >;
  incAttempts?: boolean;
  /** Keep the lease (the worker goes on with this notification). */
  keepLease?: boolean;
}

/** A claimed message group: its leader sends; the members ride along in the same message. */
export interface ClaimedGroup {
  leader: { claim: Claim; notification: Notification };
  members: Array<{ claim: Claim; notification: Notification }>;
}

/** What makes notifications one message: the same order, channel and milestone. */
const groupKey = (n: Pick<Notification, 'orderId' | 'channel' | 'milestone'>) =>
  `${n.orderId}:${n.channel}:${n.milestone}`;

/** The fenced update a transition makes. */
function updateOf(t: Transition): Record<string, unknown> {
  const update: Record<string, unknown> = {
    $set: { state: t.state, ...(t.set ?? {}), ...(t.keepLease ? {} : { lease: null }) },
    $push: { history: { at: t.at, state: t.state, reason: t.reason, detail: t.detail } },
  };
  if (t.incAttempts) update.$inc = { attempts: 1 };
  return update;
}

export type NotificationIntent = Pick<
  Notification,
  | 'idempotencyKey'
  | 'merchantId'
  | 'orderId'
  | 'shipmentIds'
  | 'milestone'
  | 'channel'
  | 'recipient'
  | 'template'
  | 'locale'
  | 'notBefore'
  | 'requestId'
>;

/**
 * A new outbox record as stored, with every default the model declares. Intents are written
 * with the driver (one per milestone and channel of a whole poll batch; mongoose's casting of
 * them cost more than the write), so the ids are cast here and the test beside the model checks
 * the shape against a record mongoose creates.
 */
function newNotification(intent: NotificationIntent, now: Date, createdAt: Date) {
  return {
    ...intent,
    merchantId: objectId(intent.merchantId)!,
    orderId: objectId(intent.orderId)!,
    shipmentIds: intent.shipmentIds.map((id) => objectId(id)!),
    state: 'pending',
    attempts: 0,
    appliedEvents: [],
    fence: 0,
    lease: null,
    history: [{ at: now, state: 'pending', reason: 'created' }],
    createdAt,
    updatedAt: createdAt,
  };
}

interface UpsertResult {
  upsertedIds?: Record<number, unknown>;
}

/** The positions of the operations that inserted (upserted) a document. */
function upsertedPositions(result: UpsertResult | undefined): number[] {
  return Object.keys(result?.upsertedIds ?? {}).map(Number);
}

export class NotificationRepository {
  /**
   * Writes intents to the outbox; an intent whose idempotency key exists already is skipped by
   * the unique index, so running this twice (or on two workers) writes each intent once.
   * Returns the positions (in `intents`) of those actually inserted, so a caller can tell which
   * of its checks or requests wrote something.
   */
  async addIntents(intents: NotificationIntent[], now: Date): Promise<number[]> {
    if (intents.length === 0) return [];
    const createdAt = new Date();
    const write = () =>
      NotificationModel.collection.bulkWrite(
        intents.map((intent) => ({
          updateOne: {
            filter: { idempotencyKey: intent.idempotencyKey },
            update: { $setOnInsert: newNotification(intent, now, createdAt) },
            upsert: true,
          },
        })),
        { ordered: false, ignoreUndefined: true },
      );
    try {
      return upsertedPositions(await write());
    } catch (error) {
      // Two workers raced on the same key: the unique index let one win; the retry sees it.
      // What the first attempt inserted is in its error's result; the retry inserts the rest.
      if (!isDuplicateKeyError(error)) throw error;
      const first = upsertedPositions((error as { result?: UpsertResult }).result);
      const retried = upsertedPositions(await write());
      return [...new Set([...first, ...retried])].sort((a, b) => a - b);
    }
  }

  async findByOrder(orderId: string): Promise<Notification[]> {
    const docs = await NotificationModel.find({ orderId }).sort({ createdAt: 1 }).lean();
    return docs.map((d) => toEntity<Notification>(d));
  }

  /** Every notification of these orders, in one query. */
  async findByOrders(orderIds: string[]): Promise<Notification[]> {
    if (orderIds.length === 0) return [];
    const docs = await NotificationModel.find({ orderId: { $in: orderIds } }).lean();
    return docs.map((d) => toEntity<Notification>(d));
  }

  /** A merchant's notifications to one address, newest first (the console's delivery log). */
  async findByRecipient(
    merchantId: string,
    recipient: string,
    limit: number,
  ): Promise<Notification[]> {
    const docs = await NotificationModel.find({ recipient, merchantId })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean();
    return docs.map((d) => toEntity<Notification>(d));
  }

  async findById(id: string): Promise<Notification | null> {
    const _id = objectId(id);
    return _id ? toEntityOrNull<Notification>(await NotificationModel.findById(_id).lean()) : null;
  }

  /**
   * Claims due notifications by message group (same order, channel and milestone), so the
   * milestones of one order that fall due together are sent as one message whatever the number
   * of workers. A group's leader (its smallest id) is claimed first and acts as the group's
   * lock; only its winner then claims the other members. A group with any member held by a
   * live worker is left alone. Due means at or before `dueBy` (now minus the grouping window).
   */
  async claimDueGroups(
    options: LeaseOptions & { limit: number; dueBy: Date },
  ): Promise<ClaimedGroup[]> {
    const { filter, projection } = candidateQuery({
      ...options,
      due: { state: 'pending', notBefore: { $lte: options.dueBy } },
    });
    const due = await NotificationModel.collection
      .find(filter, {
        projection: { ...projection, orderId: 1 },
        sort: { notBefore: 1 },
        limit: options.limit,
      })
      .toArray();
    if (due.length === 0) return [];
    const pending = await NotificationModel.collection
      .find(
        { orderId: { $in: [...new Set(due.map((d) => d.orderId))] }, state: 'pending' },
        { projection: { _id: 1, fence: 1, orderId: 1, channel: 1, milestone: 1, lease: 1 } },
      )
      .toArray();
    const groups = new Map<string, typeof pending>();
    for (const doc of pending) {
      const key = groupKey({
        orderId: String(doc.orderId),
        channel: doc.channel as Notification['channel'],
        milestone: doc.milestone as Notification['milestone'],
      });
      const members = groups.get(key);
      if (members) members.push(doc);
      else groups.set(key, [doc]);
    }
    const dueIds = new Set(due.map((d) => String(d._id)));
    const open = [...groups.values()].filter(
      (members) =>
        members.some((m) => dueIds.has(String(m._id))) &&
        members.every((m) => leaseFreeNow(m.lease, options.now, options.deadOwners)),
    );
    // A group's leader is its smallest id (ObjectId hex strings sort as the ids do).
    const leaderOf = new Map(
      open.map((members) => [
        members.reduce((a, b) => (String(a._id) < String(b._id) ? a : b)),
        members,
      ]),
    );
    const wonLeaders = await claimCandidates<Notification>(
      NotificationModel,
      [...leaderOf.keys()] as unknown as Candidate[],
      options,
    );
    const wonLeaderIds = new Set(wonLeaders.map((w) => w.claim.id));
    const others = [...leaderOf]
      .filter(([leader]) => wonLeaderIds.has(String(leader._id)))
      .flatMap(([leader, members]) => members.filter((m) => m !== leader));
    const wonOthers = await claimCandidates<Notification>(
      NotificationModel,
      others as unknown as Candidate[],
      options,
    );
    const membersByGroup = new Map<string, ClaimedGroup['members']>();
    for (const won of wonOthers) {
      const notification = toEntity<Notification>(won.doc);
      const key = groupKey(notification);
      membersByGroup.set(key, [
        ...(membersByGroup.get(key) ?? []),
        { claim: won.claim, notification },
      ]);
    }
    return wonLeaders.map((leader) => {
      const notification = toEntity<Notification>(leader.doc);
      return {
        leader: { claim: leader.claim, notification },
        members: membersByGroup.get(groupKey(notification)) ?? [],
      };
    });
  }

  /**
   * What was sent since `since` about these orders' shipments, or is with a provider now (the
   * daily cap), in one query. A message still `sending` counts: another worker's call, or this
   * worker's previous batch's, may be under way for the same parcel.
   */
  async sentSince(orderIds: string[], since: Date): Promise<Notification[]> {
    if (orderIds.length === 0) return [];
    const docs = await NotificationModel.find(
      {
        orderId: { $in: [...new Set(orderIds)] },
        $or: [{ sentAt: { $gte: since } }, { state: 'sending' }],
      },
      { shipmentIds: 1, channel: 1, sentAt: 1, orderId: 1 },
    ).lean();
    return docs.map((d) => toEntity<Notification>(d));
  }

  /** Of these merchant + number pairs, the ones that have had a text before (one query). */
  async textedBefore(
    pairs: Array<{ merchantId: string; recipient: string }>,
  ): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const docs = await NotificationModel.find(
      {
        channel: 'sms',
        recipient: { $in: [...new Set(pairs.map((p) => p.recipient))] },
        sentAt: { $ne: null },
      },
      { merchantId: 1, recipient: 1 },
    ).lean();
    return new Set(docs.map((d) => `${d.merchantId.toHexString()}:${d.recipient}`));
  }

  /**
   * Applies many fenced transitions in one bulk write; returns the ids that applied. When some
   * did not match, which ones is read back by id (each write leaves its step's mark), so a
   * transition lost to a takeover is known, never assumed.
   */
  async transitionMany(
    transitions: Array<{ claim: Claim; transition: Transition }>,
  ): Promise<Set<string>> {
    if (transitions.length === 0) return new Set();
    const step = randomUUID();
    const updatedAt = new Date();
    const result = await NotificationModel.collection.bulkWrite(
      transitions.map(({ claim, transition }) => {
        const update = updateOf(transition);
        const set = update.$set as Partial<Record<keyof Notification, unknown>>;
        // Written with the driver (a dispatch batch's transitions at once): ids cast here,
        // `updatedAt` set here as mongoose's timestamps would.
        if (transition.set?.shipmentIds)
          set.shipmentIds = transition.set.shipmentIds.map((id) => objectId(id)!);
        return {
          updateOne: {
            filter: { _id: objectId(claim.id)!, fence: claim.fence },
            update: { ...update, $set: { ...set, lastStep: step, updatedAt } },
          },
        };
      }),
      { ordered: false, ignoreUndefined: true },
    );
    // Each filter names one document by `_id`: when every one matched, every one applied.
    if (result.matchedCount === transitions.length)
      return new Set(transitions.map((t) => t.claim.id));
    const docs = await NotificationModel.collection
      .find(
        { _id: { $in: transitions.map((t) => objectId(t.claim.id)!) } },
        { projection: { _id: 1, lastStep: 1 } },
      )
      .toArray();
    return new Set(docs.filter((d) => d.lastStep === step).map((d) => String(d._id)));
  }

  /** Notifications waiting to be sent or being sent, by state (one aggregate; metrics). */
  async outboxDepth(): Promise<Record<string, number>> {
    const rows = await NotificationModel.aggregate<{ _id: string; count: number }>([
      { $match: { state: { $in: ['pending', 'sending'] } } },
      { $group: { _id: '$state', count: { $sum: 1 } } },
    ]);
    return Object.fromEntries(rows.map((row) => [row._id, row.count]));
  }

  /** Notifications whose outcome is unknown, waiting for the provider's events (metrics). */
  async countUnknown(): Promise<number> {
    return NotificationModel.countDocuments({ state: 'unknown' });
  }

  /** Applies a transition if `fence` still matches: a worker that lost its lease changes nothing. */
  async transition(id: string, fence: number, t: Transition): Promise<boolean> {
    const result = await NotificationModel.updateOne({ _id: id, fence }, updateOf(t));
    return result.modifiedCount === 1;
  }

  /**
   * A notification left in `sending` whose lease ran out, whose owner stopped beating, or whose
   * lease was dropped belongs to a worker that died between telling the provider and recording
   * the answer. It may have been sent: it becomes `unknown` (reconciled with the provider),
   * never resent blindly. The fence is bumped, so the paused owner's late write is refused.
   */
  async markAbandonedSendsUnknown(now: Date, deadOwners: string[] = []): Promise<number> {
    const result = await NotificationModel.updateMany(
      {
        state: 'sending',
        $or: [
          { lease: null },
          { 'lease.expiresAt': { $lte: now } },
          ...(deadOwners.length ? [{ 'lease.owner': { $in: deadOwners } }] : []),
        ],
      },
      {
        $set: { state: 'unknown', lease: null },
        $inc: { fence: 1 },
        $push: {
          history: {
            at: now,
            state: 'unknown',
            reason: 'outcome_unknown',
            detail: 'worker stopped while sending',
          },
        },
      },
    );
    return result.modifiedCount;
  }

  async findByProviderMessageId(providerMessageId: string): Promise<Notification | null> {
    return toEntityOrNull<Notification>(
      await NotificationModel.findOne({ providerMessageId }).lean(),
    );
  }

  /**
   * Applies a provider event once: `eventId` is remembered, so a repeated webhook changes
   * nothing. `onlyFromStates` guards against moving backwards (a late `sent` after `delivered`).
   */
  async applyProviderEvent(
    id: string,
    event: {
      eventId: string;
      at: Date;
      reason: string;
      state?: NotificationState;
      onlyFromStates?: NotificationState[];
      set?: Partial<
        Pick<
          Notification,
          | 'providerStatus'
          | 'providerMessageId'
          | 'deliveredAt'
          | 'openedAt'
          | 'clickedAt'
          | 'lastError'
          | 'sentAt'
        >
      >;
    },
  ): Promise<boolean> {
    const _id = objectId(id);
    if (!_id) return false;
    const filter: Record<string, unknown> = { _id, appliedEvents: { $ne: event.eventId } };
    if (event.onlyFromStates) filter.state = { $in: event.onlyFromStates };
    const result = await NotificationModel.updateOne(filter, {
      $set: { ...(event.state ? { state: event.state } : {}), ...(event.set ?? {}) },
      $push: {
        appliedEvents: event.eventId,
        history: { at: event.at, state: event.state ?? 'sent', reason: event.reason },
      },
    });
    return result.modifiedCount === 1;
  }

  /** The most recent text sent to a number, to answer HELP with the right merchant. */
  async latestSmsTo(recipient: string): Promise<Notification | null> {
    const doc = await NotificationModel.findOne({ channel: 'sms', recipient })
      .sort({ createdAt: -1 })
      .lean();
    return toEntityOrNull<Notification>(doc);
  }

  /** One page of a merchant's notifications, newest first, after an opaque position. */
  async page(
    merchantId: string,
    filter: { orderId?: string; state?: string; channel?: string; milestone?: string },
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<Notification[]> {
    const query: Record<string, unknown> = { merchantId };
    for (const [key, value] of Object.entries(filter)) if (value) query[key] = value;
    if (after) {
      query.$or = [
        { createdAt: { $lt: after.createdAt } },
        { createdAt: after.createdAt, _id: { $lt: after.id } },
      ];
    }
    const docs = await NotificationModel.find(query)
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean();
    return docs.map((d) => toEntity<Notification>(d));
  }

  /** Counts by milestone, channel and state, and engagement per channel, for a time range. */
  async stats(
    merchantId: string,
    from: Date,
    to: Date,
  ): Promise<{
    counts: Array<{ milestone: string; channel: string; state: string; count: number }>;
    engagement: Array<{
      channel: string;
      sent: number;
      delivered: number;
      opened: number;
      clicked: number;
    }>;
  }> {
    const match = {
      $match: { merchantId: objectId(merchantId), createdAt: { $gte: from, $lt: to } },
    };
    const counts = await NotificationModel.aggregate<{
      _id: { milestone: string; channel: string; state: string };
      count: number;
    }>([
      match,
      {
        $group: {
          _id: { milestone: '$milestone', channel: '$channel', state: '$state' },
          count: { $sum: 1 },
        },
      },
    ]);
    const has = (field: string) => ({ $sum: { $cond: [{ $gt: [`$${field}`, null] }, 1, 0] } });
    const engagement = await NotificationModel.aggregate<{
      _id: string;
      sent: number;
      delivered: number;
      opened: number;
      clicked: number;
    }>([
      match,
      {
        $group: {
          _id: '$channel',
          sent: has('sentAt'),
          delivered: has('deliveredAt'),
          opened: has('openedAt'),
          clicked: has('clickedAt'),
        },
      },
    ]);
    return {
      counts: counts
        .map((c) => ({ ...c._id, count: c.count }))
        .sort((a, b) =>
          `${a.milestone}${a.channel}${a.state}`.localeCompare(
            `${b.milestone}${b.channel}${b.state}`,
          ),
        ),
      engagement: engagement.map((e) => ({
        channel: e._id,
        sent: e.sent,
        delivered: e.delivered,
        opened: e.opened,
        clicked: e.clicked,
      })),
    };
  }

  // ---- Reconciliation of unknown outcomes ------------------------------------------------
  // Kept apart from the dispatch claims: these only ever take `unknown` notifications, and
  // every write below is fenced by the claim and guarded by the state it expects.

  /**
   * Claims `unknown` notifications that have had no change (no provider event, no earlier
   * attempt to reconcile) since `quietSince`, so each is asked about by one worker at a time.
   */
  async claimUnknownToReconcile(options: {
    owner: string;
    now: Date;
    leaseMs: number;
    limit: number;
    quietSince: Date;
  }): Promise<Claim[]> {
    return claimDue(NotificationModel, {
      ...options,
      due: { state: 'unknown', updatedAt: { $lte: options.quietSince } },
      sort: { updatedAt: 1 },
    });
  }

  /** The provider has the message: it was sent, with the provider's id. */
  async markReconciledSent(
    id: string,
    fence: number,
    found: { providerMessageId: string; sentAt: Date },
    now: Date,
  ): Promise<boolean> {
    return this.reconciled(id, fence, {
      $set: {
        state: 'sent',
        providerMessageId: found.providerMessageId,
        sentAt: found.sentAt,
        lease: null,
      },
      $push: { history: { at: now, state: 'sent', reason: 'reconciled_sent' } },
    });
  }

  /** The provider was asked and has no such message: send it again. */
  async markReconciledNotSent(id: string, fence: number, now: Date): Promise<boolean> {
    return this.reconciled(id, fence, {
      $set: { state: 'pending', notBefore: now, lease: null },
      $push: { history: { at: now, state: 'pending', reason: 'reconciled_not_sent' } },
    });
  }

  /** The provider could not be asked: it stays unknown, and the record says why. */
  async recordCannotAsk(id: string, fence: number, reason: string, now: Date): Promise<boolean> {
    return this.reconciled(id, fence, {
      $set: { lease: null },
      $push: { history: { at: now, state: 'unknown', reason: 'cannot_ask', detail: reason } },
    });
  }

  private async reconciled(id: string, fence: number, update: Record<string, unknown>) {
    const result = await NotificationModel.updateOne({ _id: id, fence, state: 'unknown' }, update);
    return result.modifiedCount === 1;
  }
}
