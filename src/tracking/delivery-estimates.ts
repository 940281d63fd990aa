import type { LaneStatsRepository } from '../db/repositories/lane-stats.repository';
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
  standards: ServiceStandards;
  logger: Logger;
  policy?: EstimatorPolicy;
}

/**
 * The estimator's edges: loads the lane statistics a batch of shipments needs (one query per
 * batch) and teaches each delivered shipment's lanes. Where each order goes comes from the
 * caller, which has read the batch's orders already. The decisions are in estimate/.
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
    /** Where each order goes, by order id. */
    destinations: Map<string, Destination>,
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
    destinations: Map<string, Destination>,
  ): Promise<Map<string, EstimateContext>> {
    const lanes = lanesOf(shipments, destinations);
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
  async learn(delivered: Shipment[], destinations: Map<string, Destination>): Promise<void> {
    if (delivered.length === 0) return;
    try {
      const lanes = lanesOf(delivered, destinations);
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
}

/** Each shipment's lane keys, by shipment id. */
function lanesOf(
  shipments: Shipment[],
  destinations: Map<string, Destination>,
): Map<string, string[]> {
  return new Map(shipments.map((s) => [s.id, laneKeys(laneFacts(s, destinations.get(s.orderId)))]));
}

/** A shipment's lane: its carrier, where its first located scan was, and where its order goes. */
export function laneFacts(shipment: Shipment, destination: LaneFacts['destination']): LaneFacts {
  const first = [...shipment.events]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    .find((e) => e.location?.country);
  return { carrier: shipment.carrier, origin: first?.location, destination };
}
