import { observeDelivery } from '../../../../src/tracking/estimate/transit-stats';
import { event } from '../fixtures';
import { upsCalendar } from './estimate-fixtures';

describe('observeDelivery', () => {
  it('when a parcel picked up on Friday is delivered on Monday, then its lanes learn one business day from pickup and the gaps between its scans', () => {
    const observation = observeDelivery(
      [
        event('lc', 'pending', '2026-03-05T15:00:00Z'),
        event('pu', 'in_transit', '2026-03-06T21:00:00Z'), // Fri 16:00 EST
        event('dp', 'in_transit', '2026-03-06T23:00:00Z'), // Fri 18:00 EST
        event('od', 'out_for_delivery', '2026-03-09T12:00:00Z'), // Mon 08:00 EDT
        event('dl', 'delivered', '2026-03-09T18:00:00Z'), // Mon 14:00 EDT
      ],
      upsCalendar,
    );
    expect(observation).toEqual({
      week: '2026-03-09',
      toDelivery: { label_created: 2, picked_up: 1, in_transit: 1, out_for_delivery: 0 },
      gaps: [
        { stage: 'label_created', bin: 15 }, // Thu 10:00 to Fri 16:00: 30 business hours
        { stage: 'picked_up', bin: 1 }, // 2 hours
        { stage: 'in_transit', bin: 7 }, // Fri 18:00 to Mon 08:00: 6 + 8 = 14 hours
        { stage: 'out_for_delivery', bin: 3 }, // 6 hours
      ],
    });
  });

  it('when the parcel is not delivered, then nothing is learned', () => {
    expect(
      observeDelivery([event('pu', 'in_transit', '2026-03-06T21:00:00Z')], upsCalendar),
    ).toBeUndefined();
  });
});
