import type { EventLocation } from '../../shipment';
import type { ShipmentStatus } from '../../domain/taxonomy';
import type { SimulatedScenario } from './simulated-number';

export interface Place extends EventLocation {
  /** Offset the carrier reports for scans here; null when its partner gives none. */
  utcOffsetMinutes: number | null;
}

/** One scan in a scripted journey; times are in steps of the carrier's pace. */
export interface ScriptedScan {
  step: number;
  /** Step at which the carrier first reports it (later than `step` for late-arriving scans). */
  revealStep?: number;
  /** Whole days added to the scan's time regardless of pace (a real stall lasts days). */
  gapDays?: number;
  status: ShipmentStatus;
  code: string;
  text: string;
  reasonCode?: string;
  place: 'origin' | 'hub' | 'gateway' | 'destination';
}

export interface Journey {
  scans: ScriptedScan[];
  /** Estimated delivery as days after the journey starts, revised at the given steps. */
  eta: Array<{ step: number; gapDays?: number; days: number; source: string }>;
  deliveredTo?: string;
}

const origin: Place = { city: 'Columbus', region: 'OH', country: 'US', utcOffsetMinutes: -300 };
const hub: Place = { city: 'Louisville', region: 'KY', country: 'US', utcOffsetMinutes: -300 };
// The gateway partner reports local wall-clock times without an offset.
const gateway: Place = { city: 'Newark', region: 'NJ', country: 'US', utcOffsetMinutes: null };
const destinations: Place[] = [
  { city: 'Brooklyn', region: 'NY', country: 'US', utcOffsetMinutes: -300 },
  { city: 'Madrid', region: 'MD', country: 'ES', utcOffsetMinutes: 60 },
  { city: 'Lyon', region: 'ARA', country: 'FR', utcOffsetMinutes: 60 },
  { city: 'Berlin', region: 'BE', country: 'DE', utcOffsetMinutes: 60 },
];

export function placeOf(scan: ScriptedScan, serial: string): Place {
  if (scan.place === 'origin') return origin;
  if (scan.place === 'hub') return hub;
  if (scan.place === 'gateway') return gateway;
  return destinations[(Number(serial) + destinations.length - 1) % destinations.length] as Place;
}

const start: ScriptedScan[] = [
  { step: 0, status: 'pending', code: 'LC', text: 'Shipping label created', place: 'origin' },
  { step: 1, status: 'in_transit', code: 'PU', text: 'Picked up', place: 'origin' },
  { step: 2, status: 'in_transit', code: 'DP', text: 'Departed facility', place: 'origin' },
];
const lateHubScan: ScriptedScan = {
  step: 3,
  revealStep: 4.5,
  status: 'in_transit',
  code: 'AR',
  text: 'Arrived at hub',
  place: 'hub',
};
const standardEta = { step: 0, days: 3, source: 'carrier' };

function lastMile(from: number): ScriptedScan[] {
  return [
    {
      step: from,
      status: 'in_transit',
      code: 'AD',
      text: 'Arrived at delivery station',
      place: 'destination',
    },
    {
      step: from + 1,
      status: 'out_for_delivery',
      code: 'OD',
      text: 'Out for delivery',
      place: 'destination',
    },
    {
      step: from + 2,
      status: 'delivered',
      code: 'DL',
      text: 'Delivered, left at front door',
      place: 'destination',
    },
  ];
}

const happy: Journey = {
  scans: [
    ...start,
    lateHubScan,
    { step: 3.5, status: 'in_transit', code: 'DH', text: 'Departed hub', place: 'hub' },
    { step: 4, status: 'in_transit', code: 'GW', text: 'Arrived at gateway', place: 'gateway' },
    ...lastMile(5),
  ],
  eta: [standardEta],
  deliveredTo: 'Front door',
};

export const journeys: Record<Exclude<SimulatedScenario, 'RANDM' | 'NOFND' | 'FLAKY'>, Journey> = {
  HAPPY: happy,
  QUIET: { ...happy, eta: [] },
  DELAY: {
    scans: [
      ...start,
      { step: 3, status: 'in_transit', code: 'AR', text: 'Arrived at hub', place: 'hub' },
      {
        step: 4,
        status: 'in_transit',
        code: 'WX',
        text: 'Delayed by severe weather',
        reasonCode: 'WEATHER',
        place: 'hub',
      },
      { step: 5, status: 'in_transit', code: 'DH', text: 'Departed hub', place: 'hub' },
      ...lastMile(6),
    ],
    eta: [standardEta, { step: 4, days: 5, source: 'carrier:revised' }],
    deliveredTo: 'Front door',
  },
  EXCPT: {
    scans: [
      ...start,
      { step: 3, status: 'in_transit', code: 'AR', text: 'Arrived at hub', place: 'hub' },
      {
        step: 4,
        status: 'exception',
        code: 'EX',
        text: 'Address incomplete, held at depot',
        reasonCode: 'ADDRESS',
        place: 'destination',
      },
      {
        step: 5,
        status: 'in_transit',
        code: 'AC',
        text: 'Address corrected',
        place: 'destination',
      },
      {
        step: 6,
        status: 'out_for_delivery',
        code: 'OD',
        text: 'Out for delivery',
        place: 'destination',
      },
      {
        step: 6.5,
        status: 'failed_attempt',
        code: 'NA',
        text: 'Delivery attempted, no one available',
        reasonCode: 'NO_ACCESS',
        place: 'destination',
      },
      {
        step: 7.5,
        status: 'out_for_delivery',
        code: 'OD',
        text: 'Out for delivery',
        place: 'destination',
      },
      {
        step: 8,
        status: 'delivered',
        code: 'DL',
        text: 'Delivered to neighbour',
        place: 'destination',
      },
    ],
    eta: [standardEta, { step: 4, days: 4, source: 'carrier:revised' }],
    deliveredTo: 'Neighbour',
  },
  PCKUP: {
    scans: [
      ...start,
      lateHubScan,
      {
        step: 4,
        status: 'in_transit',
        code: 'AD',
        text: 'Arrived at delivery station',
        place: 'destination',
      },
      {
        step: 5,
        status: 'out_for_delivery',
        code: 'OD',
        text: 'Out for delivery',
        place: 'destination',
      },
      {
        step: 5.5,
        status: 'failed_attempt',
        code: 'NA',
        text: 'Delivery attempted, no one available',
        reasonCode: 'NO_ACCESS',
        place: 'destination',
      },
      {
        step: 6,
        status: 'available_for_pickup',
        code: 'PP',
        text: 'Ready for pickup at parcel point Kiosk 12',
        place: 'destination',
      },
      {
        step: 8,
        status: 'delivered',
        code: 'PK',
        text: 'Collected from parcel point',
        place: 'destination',
      },
    ],
    eta: [standardEta],
    deliveredTo: 'Collected by recipient',
  },
  RETRN: {
    scans: [
      ...start,
      { step: 3, status: 'in_transit', code: 'AR', text: 'Arrived at hub', place: 'hub' },
      {
        step: 4,
        status: 'exception',
        code: 'RF',
        text: 'Refused by recipient',
        reasonCode: 'REFUSED',
        place: 'destination',
      },
      { step: 5, status: 'in_transit', code: 'RS', text: 'Returning to sender', place: 'hub' },
      {
        step: 7,
        status: 'returned_to_sender',
        code: 'RT',
        text: 'Returned to sender',
        place: 'origin',
      },
    ],
    eta: [standardEta],
  },
  STALL: {
    scans: [
      ...start,
      {
        step: 3,
        gapDays: 6,
        status: 'in_transit',
        code: 'AR',
        text: 'Arrived at hub',
        place: 'hub',
      },
      ...lastMile(4).map((scan) => ({ ...scan, gapDays: 6 })),
    ],
    eta: [standardEta, { step: 3, gapDays: 6, days: 9, source: 'carrier:revised' }],
    deliveredTo: 'Front door',
  },
};
