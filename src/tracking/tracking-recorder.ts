import type { CompletedCheck, ShipmentRepository } from '../db/repositories/shipment.repository';
import type { MerchantRepository } from '../db/repositories/merchant.repository';
import type {
  NotificationIntent,
  NotificationRepository,
} from '../db/repositories/notification.repository';
import type { OrderRepository } from '../db/repositories/order.repository';
import type { StatusTokenRepository } from '../db/repositories/status-token.repository';
import type { Merchant } from '../merchants/merchant';
import { planIntents } from '../notify/domain/plan-intents';
import type { Order } from '../orders/order';
import type { Milestone } from './domain/taxonomy';
import type { Logger } from '../shared/logger';
import type { CarrierOutcome } from './carrier';
import type { DeliveryEstimates } from './delivery-estimates';
import { planShipmentUpdate, type TrackingPolicy } from './domain/plan-update';
import type { Random } from './domain/poll-schedule';
import type { Shipment } from './shipment';

/** One milestone reached by one shipment of an order. */
export interface ReachedMilestone {
  order: Order;
  shipment: Pick<Shipment, 'id' | 'carrier' | 'trackingNumber' | 'status'>;
  milestone: Milestone;
}

/** A claimed shipment and what its carrier said. */
export interface Check {
  shipment: Shipment;
  fence: number;
  outcome: CarrierOutcome;
}

export interface RecordSummary {
  /** Checks whose fenced write applied. */
  completed: number;
  milestones: number;
  intents: number;
}

/** A recorded batch: its sums, and what each check (in the order given) reached and wrote. */
export interface Recorded extends RecordSummary {
  perCheck: Array<{ milestones: number; intents: number }>;
}

export interface TrackingRecorderDeps {
  shipments: ShipmentRepository;
  orders: OrderRepository;
  merchants: MerchantRepository;
  notifications: NotificationRepository;
  statusTokens: StatusTokenRepository;
  policy: TrackingPolicy;
  random: Random;
  logger: Logger;
  /** Delivery estimates: lane statistics loaded per batch, learned from each delivery. */
  estimates?: DeliveryEstimates;
  /** Told of the milestones a batch reached (merchant webhooks); idempotent per shipment and milestone. */
  onMilestones?: (reached: ReachedMilestone[], now: Date) => Promise<unknown>;
}

const dayMs = 86_400_000;

/**
 * Turns carrier outcomes into shipment state and outbox intents, for polls and pushes alike.
 * Intents are written before the shipment: if the process dies in between, the next check
 * finds the same milestone and the outbox's unique key drops the repeat, so none is lost.
 */
export class TrackingRecorder {
  constructor(private readonly deps: TrackingRecorderDeps) {}

  /**
   * Records a batch in a fixed number of round trips, those that do not depend on each other
   * sent together: its merchants beside its orders and then their lane statistics, then intents
   * and merchant-webhook events, then the fenced shipment writes (one bulk write each).
   */
  async record(checks: Check[], now: Date): Promise<Recorded> {
    const shipments = checks.map((c) => c.shipment);
    // Independent reads go out together: each round trip is one step of every push's answer.
    const [merchantList, { orders, destinations, estimation }] = await Promise.all([
      this.deps.merchants.findByIds(shipments.map((s) => s.merchantId)),
      this.ordersAndEstimates(shipments, now),
    ]);
    const merchants = byId(merchantList);
    const plans = checks.map(({ shipment, fence, outcome }) => ({
      shipment,
      fence,
      plan: planShipmentUpdate(shipment, outcome, {
        now,
        policy: this.deps.policy,
        collapseMilestones:
          merchants.get(shipment.merchantId)?.preferences.collapseMilestones ?? true,
        random: this.deps.random,
        estimation: estimation?.get(shipment.id),
      }),
    }));
    const reached: ReachedMilestone[] = [];
    const intents: NotificationIntent[] = [];
    /** The check each intent came from, by the intent's position. */
    const intentCheck: number[] = [];
    plans.forEach(({ shipment, plan }, check) => {
      const order = orders.get(shipment.orderId);
      const merchant = merchants.get(shipment.merchantId);
      if (!order) return;
      if (plan.reached.length) {
        // Only what merchant webhooks say about the shipment: spreading the whole shipment and
        // its changes into a new object cost 3% of a poll worker's CPU.
        const after = {
          id: shipment.id,
          carrier: shipment.carrier,
          trackingNumber: shipment.trackingNumber,
          status: plan.changes.status,
        };
        for (const milestone of plan.reached) reached.push({ order, shipment: after, milestone });
      }
      if (!merchant || !plan.notify.length) return;
      for (const intent of planIntents({
        milestones: plan.notify,
        shipmentId: shipment.id,
        order,
        preferences: merchant.preferences,
        now,
      })) {
        intents.push({ ...intent, requestId: shipment.requestId });
        intentCheck.push(check);
      }
    });
    // Merchant-webhook events and outbox intents are independent; both precede the shipment write.
    const [, inserted] = await Promise.all([
      reached.length && this.deps.onMilestones ? this.deps.onMilestones(reached, now) : undefined,
      this.deps.notifications.addIntents(intents, now),
    ]);
    const perCheck = plans.map((p) => ({ milestones: p.plan.reached.length, intents: 0 }));
    for (const position of inserted) perCheck[intentCheck[position]!]!.intents++;
    const writes = plans.map(({ shipment, fence, plan }) => ({
      id: shipment.id,
      fence,
      changes: plan.changes,
    }));
    const completed = await this.deps.shipments.completeChecks(writes);
    if (completed < writes.length)
      this.deps.logger.warn(
        { lost: writes.length - completed },
        'checks discarded: their lease moved to another worker',
      );
    const finished = plans.filter((p) => p.plan.becameFinal).map((p) => p.shipment);
    await Promise.all([
      this.deps.estimates?.learn(
        plans
          .filter((p) => p.plan.becameFinal && p.plan.changes.status === 'delivered')
          .map((p) => ({ ...p.shipment, ...p.plan.changes }) as Shipment),
        destinations,
      ),
      this.expireLinksIfDone(finished, merchants),
    ]);
    return {
      completed,
      milestones: plans.reduce((n, p) => n + p.plan.reached.length, 0),
      intents: inserted.length,
      perCheck,
    };
  }

  /**
   * The batch's orders, read once and whole (a milestone's intents need them), where each goes
   * (the estimator's lanes, for estimates and for learning), and the lane statistics.
   */
  private async ordersAndEstimates(shipments: Shipment[], now: Date) {
    const orders = byId(await this.deps.orders.findByIds(shipments.map((s) => s.orderId)));
    const destinations = new Map([...orders].map(([id, order]) => [id, order.destination ?? {}]));
    const estimation = await this.deps.estimates?.contextsFor(shipments, now, destinations);
    return { orders, destinations, estimation };
  }

  /** Releases claimed shipments unchanged except for the given fields (problems, postponement). */
  async release(claims: Array<{ id: string; fence: number }>, changes: CompletedCheck['changes']) {
    return this.deps.shipments.completeChecks(claims.map((c) => ({ ...c, changes })));
  }

  /** Once every shipment of an order is final, its status links live statusLinkTtlDays more. */
  private async expireLinksIfDone(
    finished: Shipment[],
    merchants: Map<string, Merchant>,
  ): Promise<void> {
    const finalAt = await this.deps.shipments.ordersFinalAt(finished.map((s) => s.orderId));
    for (const shipment of finished) {
      const last = finalAt.get(shipment.orderId);
      if (!last) continue;
      finalAt.delete(shipment.orderId);
      const ttlDays = merchants.get(shipment.merchantId)?.preferences.statusLinkTtlDays ?? 90;
      await this.deps.statusTokens.setExpiryForOrder(
        shipment.orderId,
        new Date(last.getTime() + ttlDays * dayMs),
      );
    }
  }
}

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
