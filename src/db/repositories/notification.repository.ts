import { NotificationModel } from '../models';
import { claimDue, type Claim } from '../lease';
import { isDuplicateKeyError, objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { Notification, NotificationState } from '../../notify/notification';
import type { Channel } from '../../tracking/domain/taxonomy';

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
>;

export class NotificationRepository {
  /**
   * Writes intents to the outbox; an intent whose idempotency key exists already is skipped by
   * the unique index, so running this twice (or on two workers) writes each intent once.
   * Returns the number actually inserted.
   */
  async addIntents(intents: NotificationIntent[], now: Date): Promise<number> {
    if (intents.length === 0) return 0;
    const write = () =>
      NotificationModel.bulkWrite(
        intents.map((intent) => ({
          updateOne: {
            filter: { idempotencyKey: intent.idempotencyKey },
            update: {
              $setOnInsert: {
                ...intent,
                state: 'pending',
                attempts: 0,
                fence: 0,
                lease: null,
                history: [{ at: now, state: 'pending', reason: 'created' }],
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    try {
      return (await write()).upsertedCount;
    } catch (error) {
      // Two workers raced on the same key: the unique index let one win; the retry sees it.
      if (!isDuplicateKeyError(error)) throw error;
      return (await write()).upsertedCount;
    }
  }

  async findByOrder(orderId: string): Promise<Notification[]> {
    const docs = await NotificationModel.find({ orderId }).sort({ createdAt: 1 }).lean();
    return docs.map((d) => toEntity<Notification>(d));
  }

  async findById(id: string): Promise<Notification | null> {
    const _id = objectId(id);
    return _id ? toEntityOrNull<Notification>(await NotificationModel.findById(_id).lean()) : null;
  }

  /**
   * Claims pending notifications due at or before `dueBy` (the dispatcher passes now minus the
   * grouping window, so other shipments' milestones of the same order can join in time).
   */
  async claimDue(options: {
    owner: string;
    now: Date;
    leaseMs: number;
    limit: number;
    dueBy: Date;
  }): Promise<Claim[]> {
    return claimDue(NotificationModel, {
      ...options,
      due: { state: 'pending', notBefore: { $lte: options.dueBy } },
      sort: { notBefore: 1 },
    });
  }

  /** Applies a transition if `fence` still matches: a worker that lost its lease changes nothing. */
  async transition(id: string, fence: number, t: Transition): Promise<boolean> {
    const update: Record<string, unknown> = {
      $set: { state: t.state, ...(t.set ?? {}), ...(t.keepLease ? {} : { lease: null }) },
      $push: { history: { at: t.at, state: t.state, reason: t.reason, detail: t.detail } },
    };
    if (t.incAttempts) update.$inc = { attempts: 1 };
    const result = await NotificationModel.updateOne({ _id: id, fence }, update);
    return result.modifiedCount === 1;
  }

  /**
   * A notification left in `sending` after its lease expired belongs to a worker that died
   * between telling the provider and recording the answer. It may have been sent: it becomes
   * `unknown` (reconciled from provider events), never resent blindly.
   */
  async markAbandonedSendsUnknown(now: Date): Promise<number> {
    const result = await NotificationModel.updateMany(
      { state: 'sending', 'lease.expiresAt': { $lte: now } },
      {
        $set: { state: 'unknown', lease: null },
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

  /**
   * Takes over the other pending notifications of the same order, channel and milestone so one
   * message covers them all; each is marked skipped as merged into `into`.
   */
  async mergeSiblings(into: Notification, owner: string, now: Date): Promise<string[]> {
    const siblings = await NotificationModel.find(
      {
        orderId: into.orderId,
        channel: into.channel,
        milestone: into.milestone,
        state: 'pending',
        _id: { $ne: into.id },
        $or: [{ lease: null }, { 'lease.owner': owner }],
      },
      { _id: 1, shipmentIds: 1 },
    ).lean();
    const merged: string[] = [];
    for (const sibling of siblings) {
      const result = await NotificationModel.updateOne(
        { _id: sibling._id, state: 'pending', $or: [{ lease: null }, { 'lease.owner': owner }] },
        {
          $set: { state: 'skipped', lease: null },
          $push: { history: { at: now, state: 'skipped', reason: 'merged', detail: into.id } },
        },
      );
      if (result.modifiedCount === 1)
        merged.push(...sibling.shipmentIds.map((s) => s.toHexString()));
    }
    return merged;
  }

  /** Messages sent since `since` about any of these shipments (the daily cap). */
  /** Messages sent on one channel since `since` about any of these shipments (the daily cap). */
  async countSentForShipments(
    shipmentIds: string[],
    since: Date,
    channel: Channel,
  ): Promise<number> {
    if (shipmentIds.length === 0) return 0;
    return NotificationModel.countDocuments({
      shipmentIds: { $in: shipmentIds },
      channel,
      sentAt: { $gte: since },
    });
  }

  /** Whether this number has had a text from this merchant before (the first carries the opt-out line). */
  async hasTexted(merchantId: string, recipient: string): Promise<boolean> {
    return (
      (await NotificationModel.countDocuments({
        merchantId,
        channel: 'sms',
        recipient,
        sentAt: { $ne: null },
      })) > 0
    );
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
}
