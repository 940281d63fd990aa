import { randomBytes } from 'node:crypto';
import type { Container } from '../app/container';
import type { Order } from '../orders/order';
import type { Milestone } from '../tracking/domain/taxonomy';
import type { ReachedMilestone } from '../tracking/tracking-recorder';
import { postJson } from './post-json';
import { signWebhook } from './webhook-signature';

const dayMs = 86_400_000;
/** Deliveries are retried for a day. */
const retryForMs = dayMs;
/** An endpoint failing for three days, or 100 times in a row, is disabled. */
const disableAfterMs = 3 * dayMs;
const disableAfterFailures = 100;

type Deps = Pick<
  Container,
  'repositories' | 'clock' | 'processId' | 'config' | 'logger' | 'metrics'
>;

/** Merchant webhooks: milestone events signed per endpoint, retried with backoff for 24 hours. */
export class MerchantWebhookService {
  constructor(
    private readonly deps: Deps,
    private readonly random: () => number = Math.random,
  ) {}

  static newSecret(): string {
    return `whsec_${randomBytes(24).toString('base64url')}`;
  }

  /** Called by the tracking engine for each milestone reached; idempotent per shipment and milestone. */
  async milestoneReached(
    order: Order,
    shipment: ReachedMilestone['shipment'],
    milestone: Milestone,
    now: Date,
  ): Promise<number> {
    return this.milestonesReached([{ order, shipment, milestone }], now);
  }

  /**
   * Queues an event per endpoint that wants it for a whole batch of milestones: one endpoint
   * query for all their merchants, one bulk write. Idempotent per shipment and milestone.
   */
  async milestonesReached(reached: ReachedMilestone[], now: Date): Promise<number> {
    return this.deps.repositories.webhooks.enqueue(
      reached.map(({ order, shipment, milestone }) => {
        const eventId = `${shipment.id}:${milestone}`;
        const body = () =>
          JSON.stringify({
            id: eventId,
            type: 'shipment.milestone',
            createdAt: now.toISOString(),
            data: {
              milestone,
              orderId: order.id,
              externalId: order.externalId,
              orderNumber: order.orderNumber,
              shipment: {
                id: shipment.id,
                carrier: shipment.carrier,
                trackingNumber: shipment.trackingNumber,
                status: shipment.status,
              },
            },
          });
        return { merchantId: order.merchantId, eventId, milestone, body };
      }),
      now,
      retryForMs,
    );
  }

  async deliverDue(limit = 50): Promise<{ delivered: number; retried: number; failed: number }> {
    const { repositories, clock, processId, config } = this.deps;
    const summary = { delivered: 0, retried: 0, failed: 0 };
    const claims = await repositories.webhooks.claimDue(
      processId,
      clock.now(),
      config.worker.leaseMs,
      limit,
    );
    this.deps.metrics.claimed('webhook', claims);
    for (const claim of claims) {
      const outcome = await this.deliver(claim.id, claim.fence);
      summary[outcome]++;
      this.deps.metrics.webhookDelivery(outcome);
    }
    return summary;
  }

  private async deliver(id: string, fence: number): Promise<'delivered' | 'retried' | 'failed'> {
    const { repositories, clock } = this.deps;
    const delivery = await repositories.webhooks.findDelivery(id);
    const endpoint = delivery
      ? await repositories.webhooks.findEndpoint(delivery.endpointId)
      : null;
    const now = clock.now();
    if (!delivery || !endpoint || endpoint.disabledAt) {
      await repositories.webhooks.recordAttempt(id, fence, {
        at: now,
        error: 'endpoint removed or disabled',
        state: 'failed',
      });
      return 'failed';
    }
    const timestamp = Math.floor(now.getTime() / 1000);
    let status: number | undefined;
    let error: string | undefined;
    try {
      status = await postJson(
        endpoint.url,
        delivery.body,
        {
          'Porchlight-Event-Id': delivery.eventId,
          'Porchlight-Timestamp': String(timestamp),
          'Porchlight-Signature': signWebhook(endpoint.secret, timestamp, delivery.body),
        },
        10_000,
        this.deps.config.api.webhooksAllowInternal,
      );
    } catch (e) {
      error = (e as Error).message;
    }
    if (status !== undefined && status >= 200 && status < 300) {
      await repositories.webhooks.recordAttempt(id, fence, { at: now, status, state: 'delivered' });
      await repositories.webhooks.endpointSucceeded(endpoint.id);
      return 'delivered';
    }
    const failedEndpoint = await repositories.webhooks.endpointFailed(endpoint.id, now);
    if (
      failedEndpoint &&
      (failedEndpoint.consecutiveFailures >= disableAfterFailures ||
        (failedEndpoint.failingSince &&
          now.getTime() - failedEndpoint.failingSince.getTime() >= disableAfterMs))
    ) {
      const reason = `failing since ${failedEndpoint.failingSince?.toISOString()} (${failedEndpoint.consecutiveFailures} failures in a row)`;
      await repositories.webhooks.disableEndpoint(endpoint.id, reason, now);
      this.deps.logger.warn({ endpointId: endpoint.id }, 'merchant webhook endpoint disabled');
    }
    // Exponential backoff from one minute, capped at an hour, jittered.
    const delay = Math.min(60_000 * 2 ** delivery.attempts, 3_600_000) * (0.5 + this.random() / 2);
    const next = new Date(now.getTime() + delay);
    const giveUp = next >= delivery.expiresAt;
    await repositories.webhooks.recordAttempt(id, fence, {
      at: now,
      status,
      error: error ?? `HTTP ${status}`,
      state: giveUp ? 'failed' : 'pending',
      nextAttemptAt: giveUp ? undefined : next,
    });
    return giveUp ? 'failed' : 'retried';
  }
}
