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
import type { Logger } from '../shared/logger';
import type { CarrierOutcome } from './carrier';
import { planShipmentUpdate, type TrackingPolicy } from './domain/plan-update';
import type { Random } from './domain/poll-schedule';
import type { Shipment } from './shipment';
import type { Milestone } from './domain/taxonomy';

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

export interface TrackingRecorderDeps {
  shipments: ShipmentRepository;
  orders: OrderRepository;
  merchants: MerchantRepository;
  notifications: NotificationRepository;
  statusTokens: StatusTokenRepository;
  policy: TrackingPolicy;
  random: Random;
  logger: Logger;
  /** Told of every milestone reached (merchant webhooks); idempotent per shipment and milestone. */
  onMilestone?: (
    order: Order,
    shipment: Shipment,
    milestone: Milestone,
    now: Date,
  ) => Promise<unknown>;
}

const dayMs = 86_400_000;

/**
 * Turns carrier outcomes into shipment state and outbox intents, for polls and pushes alike.
 * Intents are written before the shipment: if the process dies in between, the next check
 * finds the same milestone and the outbox's unique key drops the repeat, so none is lost.
 */
export class TrackingRecorder {
  constructor(private readonly deps: TrackingRecorderDeps) {}

  async record(checks: Check[], now: Date): Promise<RecordSummary> {
    const merchants = new Map<string, Promise<Merchant | null>>();
    const orders = new Map<string, Promise<Order | null>>();
    const merchantOf = (id: string) =>
      merchants.get(id) ?? merchants.set(id, this.deps.merchants.findById(id)).get(id)!;
    const orderOf = (id: string) =>
      orders.get(id) ?? orders.set(id, this.deps.orders.findById(id)).get(id)!;

    const writes: CompletedCheck[] = [];
    const intents: NotificationIntent[] = [];
    const finishedOrders = new Set<string>();
    let milestones = 0;
    for (const { shipment, fence, outcome } of checks) {
      const merchant = await merchantOf(shipment.merchantId);
      const plan = planShipmentUpdate(shipment, outcome, {
        now,
        policy: this.deps.policy,
        collapseMilestones: merchant?.preferences.collapseMilestones ?? true,
        random: this.deps.random,
      });
      writes.push({ id: shipment.id, fence, changes: plan.changes });
      milestones += plan.reached.length;
      if (plan.becameFinal) finishedOrders.add(shipment.orderId);
      const order = plan.reached.length ? await orderOf(shipment.orderId) : null;
      if (order && this.deps.onMilestone) {
        const after = { ...shipment, ...plan.changes } as Shipment;
        for (const m of plan.reached) await this.deps.onMilestone(order, after, m, now);
      }
      if (order && merchant && plan.notify.length)
        intents.push(
          ...planIntents({
            milestones: plan.notify,
            shipmentId: shipment.id,
            order,
            preferences: merchant.preferences,
            now,
          }).map((intent) => ({ ...intent, requestId: shipment.requestId })),
        );
    }
    const inserted = await this.deps.notifications.addIntents(intents, now);
    const completed = await this.deps.shipments.completeChecks(writes);
    if (completed < writes.length)
      this.deps.logger.warn(
        { lost: writes.length - completed },
        'checks discarded: their lease moved to another worker',
      );
    for (const orderId of finishedOrders)
      await this.expireLinksIfDone(orderId, merchantOf, orderOf);
    return { completed, milestones, intents: inserted };
  }

  /** Releases claimed shipments unchanged except for the given fields (problems, postponement). */
  async release(claims: Array<{ id: string; fence: number }>, changes: CompletedCheck['changes']) {
    return this.deps.shipments.completeChecks(claims.map((c) => ({ ...c, changes })));
  }

  /** Once every shipment of an order is final, its status links live statusLinkTtlDays more. */
  private async expireLinksIfDone(
    orderId: string,
    merchantOf: (id: string) => Promise<Merchant | null>,
    orderOf: (id: string) => Promise<Order | null>,
  ): Promise<void> {
    const finality = await this.deps.shipments.orderFinality(orderId);
    if (!finality.allFinal || !finality.lastFinalAt) return;
    const order = await orderOf(orderId);
    const merchant = order ? await merchantOf(order.merchantId) : null;
    const ttlDays = merchant?.preferences.statusLinkTtlDays ?? 90;
    await this.deps.statusTokens.setExpiryForOrder(
      orderId,
      new Date(finality.lastFinalAt.getTime() + ttlDays * dayMs),
    );
  }
}
