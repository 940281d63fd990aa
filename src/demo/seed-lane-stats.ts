import type { Container } from '../app/container';
import { dayToDate, localDay, weekStart } from '../tracking/estimate/business-calendar';
import { laneKeys } from '../tracking/estimate/lane';
import { MemoryLaneStats } from '../tracking/estimate/lane-stats-memory';
import { calendarOf, carrierStandards } from '../tracking/estimate/service-standards';
import { observeDelivery } from '../tracking/estimate/transit-stats';
import { syntheticHistory } from '../tracking/estimate/backtest/synthetic-history';
import type { SyntheticLane } from '../tracking/estimate/backtest/synthetic-lanes';

/** The simulated carrier's lane to the demo's dateless parcel: Columbus, Ohio to Brooklyn. */
const demoLane: SyntheticLane = {
  carrier: 'simulated',
  service: 'express',
  origin: { region: 'OH', country: 'US' },
  destination: { region: 'NY', country: 'US' },
  transitDays: 2,
  onTime: 0.85,
  weight: 1,
};

/**
 * Gives the demo's simulated lane six weeks of synthetic deliveries (a few hundred), so a
 * parcel whose carrier gives no date shows Porchlight's estimate at once. Only when it is empty.
 */
export async function seedDemoLaneStats(container: Container): Promise<void> {
  const { repositories, clock, config } = container;
  const now = clock.now();
  const carrier = carrierStandards(config.tracking.serviceStandards, 'simulated');
  const calendar = calendarOf(carrier);
  const since = dayToDate(weekStart(localDay(now, calendar.timeZone)) - 6 * 7);
  if ((await repositories.laneStats.weeksOf(['simulated|*|*>*'], since)).size > 0) return;
  const history = syntheticHistory(config.tracking.serviceStandards, {
    seed: 2026,
    start: since,
    weeks: 6,
    parcelsPerWeek: 60,
    lanes: [demoLane],
  });
  const memory = new MemoryLaneStats();
  for (const parcel of history) {
    if (parcel.deliveredAt > now) continue;
    const observation = observeDelivery(parcel.events, calendar);
    // Live shipments have no service level yet, so their lanes are keyed without one.
    const lanes = laneKeys({ ...parcel.lane, service: undefined });
    if (observation) memory.record(lanes, observation);
  }
  await repositories.laneStats.addWeeks(memory.entries());
}
