import { WebhookDeliveryModel, WebhookEndpointModel } from '../models';
import { claimDue, type Claim } from '../lease';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';

export interface WebhookEndpoint {
  id: string;
  merchantId: string;
  url: string;
  secret: string;
  milestones: string[];
  consecutiveFailures: number;
  failingSince: Date | null;
  disabledAt: Date | null;
  disabledReason?: string;
  createdAt: Date;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  merchantId: string;
  eventId: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  expiresAt: Date;
  history: Array<{ at: Date; status?: number; error?: string }>;
  createdAt: Date;
}

export class WebhookRepository {
  async addEndpoint(
    input: Pick<WebhookEndpoint, 'merchantId' | 'url' | 'secret' | 'milestones'>,
  ): Promise<WebhookEndpoint> {
    return toEntity<WebhookEndpoint>((await WebhookEndpointModel.create(input)).toObject());
  }

  async listEndpoints(merchantId: string): Promise<WebhookEndpoint[]> {
    return (await WebhookEndpointModel.find({ merchantId }).sort({ createdAt: 1 }).lean()).map(
      (d) => toEntity<WebhookEndpoint>(d),
    );
  }

  async findEndpoint(id: string): Promise<WebhookEndpoint | null> {
    const _id = objectId(id);
    return _id
      ? toEntityOrNull<WebhookEndpoint>(await WebhookEndpointModel.findById(_id).lean())
      : null;
  }

  /** Removes one of the merchant's endpoints and returns it; null when it has no such endpoint. */
  async removeEndpoint(merchantId: string, id: string): Promise<WebhookEndpoint | null> {
    const _id = objectId(id);
    return _id
      ? toEntityOrNull<WebhookEndpoint>(
          await WebhookEndpointModel.findOneAndDelete({ _id, merchantId }).lean(),
        )
      : null;
  }

  /**
   * Queues each event for every enabled endpoint of its merchant that wants its milestone;
   * repeats are ignored. An event's body is built only when some endpoint wants it (most
   * merchants have none, and a poll pass reaches milestones by the thousand).
   */
  async enqueue(
    events: Array<{ merchantId: string; eventId: string; milestone: string; body: () => string }>,
    now: Date,
    ttlMs: number,
  ): Promise<number> {
    if (events.length === 0) return 0;
    const merchantIds = [...new Set(events.map((e) => e.merchantId))];
    const endpoints = await WebhookEndpointModel.find({
      merchantId: { $in: merchantIds },
      disabledAt: null,
    }).lean();
    if (endpoints.length === 0) return 0;
    const writes = events.flatMap((event) => {
      const wanting = endpoints.filter(
        (e) =>
          e.merchantId.toHexString() === event.merchantId &&
          (e.milestones.length === 0 || e.milestones.includes(event.milestone)),
      );
      if (wanting.length === 0) return [];
      const body = event.body();
      return wanting.map((e) => ({
        updateOne: {
          filter: { key: `${e._id.toHexString()}:${event.eventId}` },
          update: {
            $setOnInsert: {
              endpointId: e._id,
              merchantId: event.merchantId,
              eventId: event.eventId,
              body,
              state: 'pending',
              attempts: 0,
              nextAttemptAt: now,
              expiresAt: new Date(now.getTime() + ttlMs),
              history: [],
              lease: null,
              fence: 0,
            },
          },
          upsert: true,
        },
      }));
    });
    if (writes.length === 0) return 0;
    const result = await WebhookDeliveryModel.bulkWrite(writes, { ordered: false });
    return result.upsertedCount;
  }

  async claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<Claim[]> {
    return claimDue(WebhookDeliveryModel, {
      owner,
      now,
      leaseMs,
      limit,
      due: { state: 'pending', nextAttemptAt: { $lte: now } },
      sort: { nextAttemptAt: 1 },
    });
  }

  async findDelivery(id: string): Promise<WebhookDelivery | null> {
    return toEntityOrNull<WebhookDelivery>(await WebhookDeliveryModel.findById(id).lean());
  }

  /** Records an attempt; conditional on the fence so a worker that lost the lease changes nothing. */
  async recordAttempt(
    id: string,
    fence: number,
    attempt: {
      at: Date;
      status?: number;
      error?: string;
      state: WebhookDelivery['state'];
      nextAttemptAt?: Date;
    },
  ): Promise<boolean> {
    const result = await WebhookDeliveryModel.updateOne(
      { _id: id, fence },
      {
        $set: {
          state: attempt.state,
          lease: null,
          ...(attempt.nextAttemptAt ? { nextAttemptAt: attempt.nextAttemptAt } : {}),
        },
        $inc: { attempts: 1 },
        $push: { history: { at: attempt.at, status: attempt.status, error: attempt.error } },
      },
    );
    return result.modifiedCount === 1;
  }

  async endpointSucceeded(id: string): Promise<void> {
    await WebhookEndpointModel.updateOne(
      { _id: id },
      { $set: { consecutiveFailures: 0, failingSince: null } },
    );
  }

  /** Counts a failure; returns the endpoint as it is now. */
  async endpointFailed(id: string, now: Date): Promise<WebhookEndpoint | null> {
    await WebhookEndpointModel.updateOne(
      { _id: id, failingSince: null },
      { $set: { failingSince: now } },
    );
    const doc = await WebhookEndpointModel.findByIdAndUpdate(
      id,
      { $inc: { consecutiveFailures: 1 } },
      { returnDocument: 'after' },
    ).lean();
    return toEntityOrNull<WebhookEndpoint>(doc);
  }

  async disableEndpoint(id: string, reason: string, now: Date): Promise<void> {
    await WebhookEndpointModel.updateOne(
      { _id: id, disabledAt: null },
      { $set: { disabledAt: now, disabledReason: reason } },
    );
    await WebhookDeliveryModel.updateMany(
      { endpointId: id, state: 'pending' },
      {
        $set: { state: 'failed' },
        $push: { history: { at: now, error: `endpoint disabled: ${reason}` } },
      },
    );
  }

  async listDeliveries(merchantId: string, limit: number): Promise<WebhookDelivery[]> {
    return (
      await WebhookDeliveryModel.find({ merchantId }).sort({ createdAt: -1 }).limit(limit).lean()
    ).map((d) => toEntity<WebhookDelivery>(d));
  }
}
