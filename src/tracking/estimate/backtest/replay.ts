import { businessDaysAfter, dateToDay, dayToDate, localDay, weekStart } from '../business-calendar';
import { estimateDelivery, laneHistograms } from '../delivery-estimate';
import { isSlowerThanUsual } from '../early-delay';
import type { EstimatorPolicy } from '../estimator-policy';
import { laneKeys } from '../lane';
import { MemoryLaneStats } from '../lane-stats-memory';
import { calendarOf, carrierStandards, type ServiceStandards } from '../service-standards';
import { currentStage, observeDelivery } from '../transit-stats';
import type { SyntheticShipment } from './synthetic-history';

/** One prediction made at pickup, scored once the parcel was delivered. */
export interface Scored {
  carrier: string;
  /** Signed business days from the most likely day to the delivery day. */
  error: number;
  inside: boolean;
  /** Business days the window covers. */
  width: number;
  /** Delivered after the window predicted at pickup. */
  late: boolean;
  /** The early-delay rule fired before delivery. */
  alarmed: boolean;
  /** Predicted from learned lane statistics rather than the service standard. */
  learned: boolean;
}

type Step =
  | { at: number; kind: 'deliver'; shipment: SyntheticShipment }
  | { at: number; kind: 'predict'; shipment: SyntheticShipment }
  | { at: number; kind: 'watch'; shipment: SyntheticShipment; scan: number };

/**
 * Replays delivered parcels in time order: each prediction and each early-delay check sees only
 * the deliveries completed before its instant (train on the past, predict the future).
 */
export function replay(
  history: readonly SyntheticShipment[],
  standards: ServiceStandards,
  policy: EstimatorPolicy,
  options: { warmUpWeeks: number },
): Scored[] {
  const store = new MemoryLaneStats();
  const steps: Step[] = [];
  for (const shipment of history) {
    const sorted = shipment.events;
    const pickup = sorted.findIndex((e) => e.status === 'in_transit');
    steps.push({ at: shipment.deliveredAt.getTime(), kind: 'deliver', shipment });
    steps.push({ at: sorted[pickup]!.occurredAt.getTime() + 60_000, kind: 'predict', shipment });
    for (let i = pickup; i < sorted.length - 1; i++)
      if (sorted[i]!.status === 'in_transit')
        steps.push({
          at: sorted[i]!.occurredAt.getTime() + 60_000,
          kind: 'watch',
          shipment,
          scan: i,
        });
  }
  steps.sort((a, b) => a.at - b.at);
  const start = history.length ? history[0]!.createdAt.getTime() : 0;
  const predictions = new Map<
    string,
    { from: number; to: number; mostLikely: number; learned: boolean }
  >();
  const alarmed = new Set<string>();
  const scored: Scored[] = [];
  for (const step of steps) {
    const { shipment } = step;
    const carrier = carrierStandards(standards, shipment.lane.carrier);
    const calendar = calendarOf(carrier);
    const lanes = laneKeys(shipment.lane);
    const now = new Date(step.at);
    const since = dayToDate(weekStart(localDay(now, calendar.timeZone)) - 7 * policy.lookbackWeeks);
    if (step.kind === 'deliver') {
      const observation = observeDelivery(shipment.events, calendar);
      if (observation) store.record(lanes, observation);
      const predicted = predictions.get(shipment.id);
      if (!predicted || step.at - start < options.warmUpWeeks * 7 * 86_400_000) continue;
      const day = localDay(shipment.deliveredAt, calendar.timeZone);
      const signed = (a: number, b: number) =>
        a <= b ? businessDaysAfter(a, b, calendar) : -businessDaysAfter(b, a, calendar);
      scored.push({
        carrier: shipment.lane.carrier,
        error: signed(predicted.mostLikely, day),
        inside: day >= predicted.from && day <= predicted.to,
        width: businessDaysAfter(predicted.from, predicted.to, calendar) + 1,
        late: day > predicted.to,
        alarmed: alarmed.has(shipment.id),
        learned: predicted.learned,
      });
      continue;
    }
    const known =
      step.kind === 'predict'
        ? shipment.events.filter((e) => e.occurredAt <= now)
        : shipment.events.slice(0, step.scan + 1);
    const stats = store.lanesFor(lanes, since);
    if (step.kind === 'predict') {
      const estimate = estimateDelivery({
        now,
        events: known,
        createdAt: shipment.createdAt,
        lanes: stats,
        standards: carrier,
        calendar,
        service: shipment.lane.service,
        policy,
      });
      predictions.set(shipment.id, {
        from: dateToDay(estimate.from),
        to: dateToDay(estimate.to),
        mostLikely: dateToDay(estimate.mostLikely),
        learned: estimate.confidence !== null,
      });
      continue;
    }
    const stage = currentStage(known);
    const learned = stage && laneHistograms(stats, stage.stage, policy);
    const next = shipment.events[step.scan + 1]!;
    const before = new Date(next.occurredAt.getTime() - 60_000);
    if (
      stage &&
      learned &&
      isSlowerThanUsual({
        now: before,
        stage: stage.stage,
        events: known,
        gaps: learned.gaps,
        calendar,
        policy,
      })
    )
      alarmed.add(shipment.id);
  }
  return scored;
}
