import { estimateDelivery } from '../../../../src/tracking/estimate/delivery-estimate';
import { defaultEstimatorPolicy } from '../../../../src/tracking/estimate/estimator-policy';
import type { TrackingEvent } from '../../../../src/tracking/shipment';
import { event } from '../fixtures';
import { ups, upsCalendar, week } from './estimate-fixtures';

const createdAt = new Date('2026-11-26T15:00:00Z');
// Picked up Friday 2026-11-27 at 16:00 New York time.
const pickedUp: TrackingEvent[] = [
  event('lc', 'pending', '2026-11-26T15:00:00Z'),
  event('pu', 'in_transit', '2026-11-27T21:00:00Z'),
];
const learnedLane = [[week({ 2: 60, 3: 30, 4: 10 })]];

function estimate(
  now: string,
  options: { events?: TrackingEvent[]; lanes?: typeof learnedLane; carrierDate?: string } = {},
) {
  return estimateDelivery({
    now: new Date(now),
    events: options.events ?? pickedUp,
    createdAt,
    carrierDate: options.carrierDate,
    lanes: options.lanes ?? learnedLane,
    standards: ups,
    calendar: upsCalendar,
    policy: defaultEstimatorPolicy,
  });
}

describe('estimateDelivery', () => {
  it("when the carrier gives a date, then the carrier's date wins", () => {
    expect(estimate('2026-11-28T12:00:00Z', { carrierDate: '2026-12-04' })).toEqual({
      from: '2026-12-04',
      to: '2026-12-04',
      mostLikely: '2026-12-04',
      source: 'carrier',
      confidence: null,
    });
  });

  it('when a Friday pickup usually takes 2 or 3 business days, then the window skips the weekend: Tue 1 – Wed 2 Dec', () => {
    expect(estimate('2026-11-28T12:00:00Z')).toEqual({
      from: '2026-12-01',
      to: '2026-12-02',
      mostLikely: '2026-12-01',
      source: 'porchlight',
      confidence: 0.9,
    });
  });

  it('when the parcel is still on its way after the usual days, then only the days still possible count', () => {
    // Wednesday 2 Dec, 10:00 New York: three business days since pickup.
    expect(estimate('2026-12-02T15:00:00Z')).toMatchObject({
      from: '2026-12-02',
      to: '2026-12-03',
      mostLikely: '2026-12-02',
      confidence: 1,
    });
  });

  it('when the finest lane has too few deliveries, then a coarser lane decides', () => {
    const sparse = [week({ 5: 3 })];
    const coarse = [week({ 1: 80, 2: 20 })];
    expect(estimate('2026-11-28T12:00:00Z', { lanes: [sparse, coarse] })).toMatchObject({
      from: '2026-11-30',
      to: '2026-12-01',
      confidence: 1,
    });
  });

  it("when no lane has learned enough, then the carrier's published service standard is used", () => {
    // UPS Ground: 1-5 business days from pickup.
    expect(estimate('2026-11-28T12:00:00Z', { lanes: [] })).toEqual({
      from: '2026-11-30',
      to: '2026-12-04',
      mostLikely: '2026-12-02',
      source: 'porchlight',
      confidence: null,
    });
  });

  it('when the label is created the day before a holiday and nothing is scanned, then handling and the holiday push the window out', () => {
    const wednesday = [event('lc', 'pending', '2026-11-25T15:00:00Z')];
    // Wednesday + 1 handling day (Thanksgiving skipped: Friday) + 1-5 days.
    expect(estimate('2026-11-25T16:00:00Z', { events: wednesday, lanes: [] })).toMatchObject({
      from: '2026-11-30',
      to: '2026-12-04',
    });
  });

  it('when US clocks fall back over the weekend, then a late-Friday pickup still counts from Friday', () => {
    // Friday 2026-10-30 23:30 EDT is 03:30 UTC Saturday; DST ends Sunday 2026-11-01.
    const late = [event('pu', 'in_transit', '2026-10-31T03:30:00Z')];
    const lane = [[week({ 1: 100 })]];
    expect(estimate('2026-10-31T12:00:00Z', { events: late, lanes: lane })).toMatchObject({
      from: '2026-11-02',
      to: '2026-11-02',
      mostLikely: '2026-11-02',
      confidence: 1,
    });
  });
});
