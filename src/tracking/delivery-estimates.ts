import type { LaneStatsRepository } from '../db/repositories/lane-stats.repository';
import type { OrderRepository } from '../db/repositories/order.repository';
import type { Destination } from '../orders/order';
import type { Logger } from '../shared/logger';
import { dayToDate, localDay, weekStart } from './estimate/business-calendar';
import { defaultEstimatorPolicy, type EstimatorPolicy } from './estimate/estimator-policy';
import { laneKeys, type LaneFacts } from './estimate/lane';
import type { EstimateContext } from './estimate/plan-estimate';
import { calendarOf, carrierStandards, type ServiceStandards } from './estimate/service-standards';
import { observeDelivery } from './estimate/transit-stats';
import type { Shipment } from './shipment';

export interface DeliveryEstimatesDeps {
  laneStats: LaneStatsRepository;
  orders: OrderRepository;
  standards: ServiceStandards;
  logger: Logger;
  policy?: EstimatorPolicy;
}

/**
 * The estimator's edges: loads the lane statistics a batch of shipments needs (one query per
 * batch, and one for the orders' destinations unless the caller read the orders already) and
 * teaches each delivered shipment's lanes. The decisions are in estimate/.
 */
export class DeliveryEstimates {
  private readonly policy: EstimatorPolicy;

  constructor(private readonly deps: DeliveryEstimatesDeps) {
    this.policy = deps.policy ?? defaultEstimatorPolicy;
  }

  /** Per shipment id; empty (no estimates this time) when the statistics cannot be read. */
  async contextsFor(
    shipments: Shipment[],
    now: Date,
    /** Where each order goes, when the caller has read the orders already. */
    destinations?: Map<string, Destination>,
  ): Promise<Map<string, EstimateContext>> {
    try {
      return await this.load(shipments, now, destinations);
    } catch (err) {
      this.deps.logger.warn({ err }, 'lane statistics not read; estimates skipped');
      return new Map();
    }
  }

  private async load(
    shipments: Shipment[],
    now: Date,
    destinations?: Map<string, Destination>,
  ): Promise<Map<string, EstimateContext>> {
    const lanes = await this.lanesOf(shipments, destinations);
    const since = dayToDate(weekStart(localDay(now, 'UTC')) - 7 * (this.policy.lookbackWeeks + 1));
    const keys = [...lanes.values()].flat();
    const weeks = keys.length ? await this.deps.laneStats.weeksOf(keys, since) : new Map();
    return new Map(
      shipments.map((s) => {
        const standards = carrierStandards(this.deps.standards, s.carrier);
        const context: EstimateContext = {
          standards,
          calendar: calendarOf(standards),
          lanes: (lanes.get(s.id) ?? []).map((key) => weeks.get(key) ?? []),
          policy: this.policy,
        };
        return [s.id, context];
      }),
    );
  }

  /** Adds delivered shipments to their lanes; a failure costs one lesson, never the check. */
  async learn(delivered: Shipment[]): Promise<void> {
    if (delivered.length === 0) return;
    try {
      const lanes = await this.lanesOf(delivered);
      const observed = delivered.flatMap((shipment) => {
        const calendar = calendarOf(carrierStandards(this.deps.standards, shipment.carrier));
        const observation = observeDelivery(shipment.events, calendar);
        return observation ? [{ lanes: lanes.get(shipment.id)!, observation }] : [];
      });
      await this.deps.laneStats.record(observed);
    } catch (err) {
      this.deps.logger.warn({ err }, 'lane statistics not updated');
    }
  }

  private async lanesOf(
    shipments: Shipment[],
    known?: Map<string, Destination>,
  ): Promise<Map<string, string[]>> {
    const destinations =
      known ??
      (await this.deps.orders.destinationsOf([...new Set(shipments.map((s) => s.orderId))]));
    return new Map(
      shipments.map((s) => [s.id, laneKeys(laneFacts(s, destinations.get(s.orderId)))]),
    );
  }
}

/** A shipment's lane: its carrier, where its first located scan was, and where its order goes. */
export function laneFacts(shipment: Shipment, destination: LaneFacts['destination']): LaneFacts {
  const first = [...shipment.events]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    .find((e) => e.location?.country);
  return { carrier: shipment.carrier, origin: first?.location, destination };
}
