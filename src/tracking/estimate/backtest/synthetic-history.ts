import type { TrackingEvent } from '../../shipment';
import type { ShipmentStatus } from '../../domain/taxonomy';
import {
  addBusinessDays,
  atLocal,
  dateToDay,
  isBusinessDay,
  type BusinessCalendar,
} from '../business-calendar';
import { calendarOf, carrierStandards, type ServiceStandards } from '../service-standards';
import { syntheticLanes, type SyntheticLane } from './synthetic-lanes';

/** A delivered parcel of the synthetic history, with the scans its carrier reported. */
export interface SyntheticShipment {
  id: string;
  lane: SyntheticLane;
  createdAt: Date;
  events: TrackingEvent[];
  deliveredAt: Date;
  /** Held somewhere without scans (the kind of delay the early-delay rule should catch). */
  held: boolean;
}

export interface HistoryOptions {
  seed: number;
  /** First day labels are created, YYYY-MM-DD. */
  start: string;
  weeks: number;
  /** Parcels per ordinary week across all lanes (peak weeks carry more). */
  parcelsPerWeek: number;
  /** The network to simulate; the four-carrier one of synthetic-lanes.ts by default. */
  lanes?: readonly SyntheticLane[];
}

/** Deterministic random numbers (mulberry32) so every run replays the same history. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Peak season: from the Monday of Thanksgiving week to Christmas Eve, parcels run slower. */
function inPeak(day: number): boolean {
  const date = new Date(day * 86_400_000);
  const month = date.getUTCMonth();
  return (month === 10 && date.getUTCDate() >= 23) || (month === 11 && date.getUTCDate() <= 24);
}

function pickLane(lanes: readonly SyntheticLane[], random: () => number): SyntheticLane {
  const sum = lanes.reduce((a, l) => a + l.weight, 0);
  let x = random() * sum;
  for (const lane of lanes) if ((x -= lane.weight) < 0) return lane;
  return lanes.at(-1)!;
}

/** Business days this parcel spends between pickup and delivery. */
function transitOf(lane: SyntheticLane, peak: boolean, random: () => number): number {
  const r = random();
  let days = lane.transitDays;
  if (r > lane.onTime) days += random() < 0.85 ? 1 : 2;
  else if (r < 0.03 && days > 1) days -= 1;
  if (peak && random() < 0.45) days += 1;
  return days;
}

function scan(
  id: string,
  status: ShipmentStatus,
  code: string,
  at: Date,
  place: SyntheticLane['origin'],
): TrackingEvent {
  return {
    id,
    status,
    rawCode: code,
    rawText: code,
    location: place,
    occurredAt: at,
    utcOffsetMinutes: null,
  };
}

/** One parcel: label, pickup, a scan or two per day on the way, out for delivery, delivered. */
function journey(
  id: string,
  lane: SyntheticLane,
  labelDay: number,
  calendar: BusinessCalendar,
  random: () => number,
): SyntheticShipment {
  const zone = calendar.timeZone;
  const at = (day: number, from: number, to: number) =>
    atLocal(day, from + random() * (to - from), zone);
  const createdAt = at(labelDay, 8, 17);
  const pickupDay = addBusinessDays(
    labelDay,
    random() < 0.7 ? 0 : random() < 0.8 ? 1 : 2,
    calendar,
  );
  const held = random() < 0.04;
  const holdDays = held ? 1 + Math.floor(random() * 3) : 0;
  const transit = transitOf(lane, inPeak(pickupDay), random) + holdDays;
  const deliveryDay = addBusinessDays(pickupDay, transit, calendar);
  const events: TrackingEvent[] = [scan(`${id}:0`, 'pending', 'LC', createdAt, lane.origin)];
  const pickedUp = new Date(
    Math.max(createdAt.getTime() + 1_800_000, at(pickupDay, 15, 19).getTime()),
  );
  events.push(scan(`${id}:1`, 'in_transit', 'PU', pickedUp, lane.origin));
  events.push(
    scan(
      `${id}:2`,
      'in_transit',
      'DP',
      new Date(pickedUp.getTime() + (2 + random() * 3) * 3_600_000),
      lane.origin,
    ),
  );
  // One hub scan per business day on the road, except the days a held parcel sits unscanned.
  const holdFrom = 1 + Math.floor(random() * Math.max(1, transit - holdDays - 1));
  for (let d = 1, n = 0; d < transit; d++) {
    if (held && d >= holdFrom && d < holdFrom + holdDays) continue;
    const day = addBusinessDays(pickupDay, d, calendar);
    events.push(scan(`${id}:h${n++}`, 'in_transit', 'AR', at(day, 1, 12), lane.destination));
  }
  const outAt = at(deliveryDay, 7, 9.5);
  events.push(
    scan(
      `${id}:3`,
      'in_transit',
      'AD',
      new Date(outAt.getTime() - (1 + random() * 4) * 3_600_000),
      lane.destination,
    ),
  );
  events.push(scan(`${id}:4`, 'out_for_delivery', 'OD', outAt, lane.destination));
  const deliveredAt = at(deliveryDay, 10, 19);
  events.push(scan(`${id}:5`, 'delivered', 'DL', deliveredAt, lane.destination));
  // Carriers lose scans: any scan but the label, pickup and delivery may go missing.
  const kept = events.filter((e, i) => i < 2 || e.status === 'delivered' || random() > 0.08);
  return { id, lane, createdAt, events: kept, deliveredAt, held };
}

/**
 * A year-like history of delivered parcels over lanes with different transit times, weekends
 * and each carrier's holidays (from the service standards), a peak-season slowdown with more
 * volume, parcels held without scans, and lost scans. Seeded: the same options give the same
 * history.
 */
export function syntheticHistory(
  standards: ServiceStandards,
  options: HistoryOptions,
): SyntheticShipment[] {
  const random = seededRandom(options.seed);
  const first = dateToDay(options.start);
  const shipments: SyntheticShipment[] = [];
  for (let day = first; day < first + options.weeks * 7; day++) {
    const perDay = (options.parcelsPerWeek / 5) * (inPeak(day) ? 1.8 : 1);
    const count = Math.floor(perDay + random());
    for (let i = 0; i < count; i++) {
      const lane = pickLane(options.lanes ?? syntheticLanes, random);
      const calendar = calendarOf(carrierStandards(standards, lane.carrier));
      if (!isBusinessDay(day, calendar)) continue;
      shipments.push(journey(`P${shipments.length + 1}`, lane, day, calendar, random));
    }
  }
  return shipments;
}
