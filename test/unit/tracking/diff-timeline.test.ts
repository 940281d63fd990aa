import { diffTimeline } from '../../../src/tracking/domain/diff-events';
import { event, result } from './fixtures';

const base = { status: 'pending' as const, events: [], reached: [] };

describe('diffTimeline', () => {
  it('when the first carrier scan after the label arrives, then the shipment is shipped', () => {
    const diff = diffTimeline(
      base,
      result([
        event('a', 'pending', '2026-03-02T08:00Z'),
        event('b', 'in_transit', '2026-03-02T12:00Z'),
      ]),
    );
    expect(diff.status).toBe('in_transit');
    expect(diff.milestones).toEqual(['shipped']);
  });

  it('when the same events come again, then nothing is added and nothing is reached', () => {
    const first = diffTimeline(base, result([event('a', 'in_transit', '2026-03-02T08:00Z')]));
    const again = diffTimeline(
      { status: first.status, events: first.events, reached: first.milestones },
      result([event('a', 'in_transit', '2026-03-02T08:00Z')]),
    );
    expect(again.added).toEqual([]);
    expect(again.milestones).toEqual([]);
    expect(again.events).toHaveLength(1);
  });

  it('when a late older scan arrives, then it is stored but neither moves the status nor notifies', () => {
    const state = {
      status: 'out_for_delivery' as const,
      events: [
        event('a', 'in_transit', '2026-03-02T08:00Z'),
        event('c', 'out_for_delivery', '2026-03-03T08:00Z'),
      ],
      reached: ['shipped', 'out_for_delivery'] as const,
    };
    const diff = diffTimeline(
      { ...state, reached: [...state.reached] },
      result([event('b', 'exception', '2026-03-02T20:00Z')], { status: 'out_for_delivery' }),
    );
    expect(diff.status).toBe('out_for_delivery');
    expect(diff.milestones).toEqual([]);
    expect(diff.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(diff.freshScan).toBe(false);
  });

  it('when a shipment goes out for delivery and then an in-transit scan follows, then the status does not regress', () => {
    const state = {
      status: 'out_for_delivery' as const,
      events: [event('a', 'out_for_delivery', '2026-03-03T08:00Z')],
      reached: [],
    };
    const diff = diffTimeline(state, result([event('b', 'in_transit', '2026-03-03T09:00Z')]));
    expect(diff.status).toBe('out_for_delivery');
    expect(diff.freshScan).toBe(true);
  });

  it('when an exception then a failed attempt happen, then both sideways moves notify and the journey resumes', () => {
    const diff = diffTimeline(
      base,
      result([
        event('a', 'in_transit', '2026-03-02T08:00Z'),
        event('b', 'exception', '2026-03-02T09:00Z'),
        event('c', 'in_transit', '2026-03-02T10:00Z'),
        event('d', 'out_for_delivery', '2026-03-03T08:00Z'),
        event('e', 'failed_attempt', '2026-03-03T12:00Z'),
      ]),
    );
    expect(diff.status).toBe('failed_attempt');
    expect(diff.milestones).toEqual(['shipped', 'exception', 'out_for_delivery', 'failed_attempt']);
  });

  it('when the shipment is delivered, then later scans never move it', () => {
    const state = {
      status: 'delivered' as const,
      events: [event('a', 'delivered', '2026-03-03T08:00Z')],
      reached: ['delivered' as const],
    };
    const diff = diffTimeline(state, result([event('b', 'exception', '2026-03-04T08:00Z')]));
    expect(diff.status).toBe('delivered');
    expect(diff.milestones).toEqual([]);
  });

  it('when the carrier reports a status beyond its scans, then the shipment moves forward to it', () => {
    const diff = diffTimeline(base, result([], { status: 'delivered' }));
    expect(diff.status).toBe('delivered');
    expect(diff.milestones).toEqual(['shipped', 'delivered']);
  });

  it('when a stale response reports an older forward status, then a newer exception is not overwritten', () => {
    // Found by the property test: the carrier's answer holds only an older scan and names its status.
    const first = diffTimeline(base, result([event('late', 'exception', '2026-03-02T09:00Z')]));
    const stale = diffTimeline(
      { status: first.status, events: first.events, reached: first.milestones },
      result([event('old', 'available_for_pickup', '2026-03-02T08:00Z')]),
    );
    expect(stale.status).toBe('exception');
    expect(stale.milestones).toEqual([]);
    expect(stale.events.map((e) => e.id)).toEqual(['old', 'late']);
  });
});
