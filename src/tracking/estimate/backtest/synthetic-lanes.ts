import type { LaneFacts } from '../lane';

/** One lane of the synthetic network: how many parcels take it and how long they usually take. */
export interface SyntheticLane extends Required<Omit<LaneFacts, 'origin' | 'destination'>> {
  origin: { region: string; country: string };
  destination: { region: string; country: string };
  /** Business days from pickup to delivery on an ordinary day. */
  transitDays: number;
  /** Share of parcels that take the usual time; the rest mostly take a day more. */
  onTime: number;
  /** Relative volume. */
  weight: number;
}

const us = (region: string) => ({ region, country: 'US' });
const de = (region: string) => ({ region, country: 'DE' });

function lane(
  carrier: string,
  service: string,
  origin: SyntheticLane['origin'],
  destination: SyntheticLane['destination'],
  transitDays: number,
  onTime: number,
  weight: number,
): SyntheticLane {
  return { carrier, service, origin, destination, transitDays, onTime, weight };
}

/** Lanes of different lengths and reliability across four carriers (and their calendars). */
export const syntheticLanes: SyntheticLane[] = [
  lane('ups', 'ground', us('OH'), us('NY'), 2, 0.88, 8),
  lane('ups', 'ground', us('OH'), us('CA'), 5, 0.8, 5),
  lane('ups', 'ground', us('CA'), us('CA'), 1, 0.9, 6),
  lane('ups', 'ground', us('TX'), us('FL'), 3, 0.85, 3),
  lane('ups', 'next_day_air', us('OH'), us('CA'), 1, 0.93, 2),
  lane('fedex', 'ground', us('TX'), us('IL'), 2, 0.87, 5),
  lane('fedex', 'ground', us('TX'), us('NY'), 4, 0.82, 4),
  lane('fedex', '2day', us('TN'), us('WA'), 2, 0.92, 2),
  lane('usps', 'ground_advantage', us('NY'), us('NY'), 2, 0.8, 6),
  lane('usps', 'ground_advantage', us('NY'), us('WA'), 5, 0.75, 4),
  lane('usps', 'priority_mail', us('NY'), us('GA'), 2, 0.82, 4),
  lane('dhl', 'paket', de('BE'), de('BY'), 1, 0.86, 6),
  lane('dhl', 'paket', de('NW'), de('BE'), 2, 0.84, 5),
  lane('dhl', 'paket', de('HH'), de('BW'), 2, 0.85, 3),
];
