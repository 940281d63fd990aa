import { SimulatedCarrier } from '../../../src/tracking/carriers/simulated/simulated-carrier';
import {
  anchorSimulatedNumber,
  parseSimulatedNumber,
} from '../../../src/tracking/carriers/simulated/simulated-number';
import type { CarrierOutcome, CarrierResult } from '../../../src/tracking/carrier';
import { planShipmentUpdate, type ShipmentState } from '../../../src/tracking/domain/plan-update';
import type { Milestone } from '../../../src/tracking/domain/taxonomy';
import { freshShipment, policy } from './fixtures';

const start = new Date('2026-03-02T15:00:00Z');
const carrier = new SimulatedCarrier({ paceMs: 20_000, epoch: start });
const number = (base: string) => anchorSimulatedNumber(base, start);

async function trackAt(trackingNumber: string, secondsAfterStart: number): Promise<CarrierOutcome> {
  const [outcome] = await carrier.track(
    [trackingNumber],
    new Date(start.getTime() + secondsAfterStart * 1000),
  );
  return outcome!;
}

/** Polls every 10 s over the whole journey and collects what the engine would notify. */
async function followJourney(trackingNumber: string, seconds = 400) {
  let state: ShipmentState = freshShipment(start);
  const notified: Milestone[] = [];
  for (let t = 0; t <= seconds; t += 10) {
    const outcome = await trackAt(trackingNumber, t);
    if (!outcome.ok) continue;
    const plan = planShipmentUpdate(state, outcome, {
      now: new Date(start.getTime() + t * 1000),
      policy,
      collapseMilestones: false,
      random: () => 0.5,
    });
    notified.push(...plan.notify);
    state = { ...plan.changes, createdAt: start };
  }
  return { state, notified };
}

describe('the simulated carrier', () => {
  it('when a number is anchored, then it parses back to its scenario and start', () => {
    const anchored = number('SIM1001HAPPY');
    expect(anchored).toMatch(/^SIM1001HAPPYT[0-9A-Z]+$/);
    expect(parseSimulatedNumber(anchored)).toEqual({
      serial: '1001',
      scenario: 'HAPPY',
      anchor: start,
    });
    expect(carrier.matches(anchored)).toBe(true);
    expect(carrier.matches('1Z999AA10123456784')).toBe(false);
  });

  it('when it has a latency, then each request answers after it, with the same result', async () => {
    jest.useFakeTimers();
    try {
      const slow = new SimulatedCarrier({ paceMs: 20_000, epoch: start, latencyMs: 400 });
      const at = new Date(start.getTime() + 60_000);
      let answered: CarrierOutcome[] | undefined;
      const pending = slow.track([number('SIM1HAPPY')], at).then((o) => (answered = o));
      await jest.advanceTimersByTimeAsync(399);
      expect(answered).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      await pending;
      expect(answered).toEqual(await carrier.track([number('SIM1HAPPY')], at));
    } finally {
      jest.useRealTimers();
    }
  });

  it('when asked twice at the same moment, then it answers the same (deterministic)', async () => {
    expect(await trackAt(number('SIM7EXCPT'), 95)).toEqual(await trackAt(number('SIM7EXCPT'), 95));
  });

  it('when the happy journey runs, then it is shipped, out for delivery and delivered, with a late older scan stored', async () => {
    const { state, notified } = await followJourney(number('SIM1001HAPPY'));
    expect(notified).toEqual(['shipped', 'out_for_delivery', 'delivered']);
    expect(state.status).toBe('delivered');
    expect(state.deliveredTo).toBe('Front door');
    expect(state.events.map((e) => e.rawCode)).toEqual([
      'LC',
      'PU',
      'DP',
      'AR',
      'DH',
      'GW',
      'AD',
      'OD',
      'DL',
    ]);
    expect(state.events.find((e) => e.rawCode === 'GW')?.utcOffsetMinutes).toBeNull();
    expect(state.events.find((e) => e.rawCode === 'PU')?.utcOffsetMinutes).toBe(-300);
  });

  it('when the delay journey runs, then the estimate moves two days later and delayed is notified', async () => {
    const { state, notified } = await followJourney(number('SIM1002DELAY'));
    expect(notified).toEqual(['shipped', 'delayed', 'out_for_delivery', 'delivered']);
    expect(state.eta.original?.date).toBe('2026-03-05');
    expect(state.eta.current).toMatchObject({ date: '2026-03-07', source: 'carrier:revised' });
  });

  it('when the exception journey runs, then the exception, a failed attempt and the delivery are all notified', async () => {
    const { notified, state } = await followJourney(number('SIM1003EXCPT'));
    expect(notified).toEqual([
      'shipped',
      'exception',
      'delayed',
      'out_for_delivery',
      'failed_attempt',
      'delivered',
    ]);
    expect(state.events.find((e) => e.status === 'exception')?.reasonCode).toBe('ADDRESS');
  });

  it('when the pickup journey runs, then the parcel waits at a pickup point before being collected', async () => {
    const { notified } = await followJourney(number('SIM1004PCKUP'));
    expect(notified).toEqual([
      'shipped',
      'out_for_delivery',
      'failed_attempt',
      'available_for_pickup',
      'delivered',
    ]);
  });

  it('when the return journey runs, then it ends returned to sender', async () => {
    const { notified, state } = await followJourney(number('SIM5RETRN'));
    expect(state.status).toBe('returned_to_sender');
    expect(notified).toEqual(['shipped', 'exception', 'returned_to_sender']);
  });

  it('when a number is unknown, malformed or flaky, then typed failures come back instead of throwing', async () => {
    expect(await trackAt(number('SIM9NOFND'), 100)).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
    expect(await trackAt('NOT-A-NUMBER', 100)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_number' },
    });
    const flaky = await Promise.all([10, 30].map((t) => trackAt(number('SIM9FLAKY'), t)));
    expect(flaky.map((o) => o.ok)).toEqual([true, false]);
    expect(await trackAt(number('SIM1001HAPPY'), -60)).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
  });

  it('when the stall journey goes quiet for six days, then the shipment is stalled and moves on after', async () => {
    const n = number('SIM3STALL');
    let state: ShipmentState = freshShipment(start);
    const notified: Milestone[] = [];
    for (const hours of [0.01, 0.1, 24, 72, 96, 120, 150, 200]) {
      const now = new Date(start.getTime() + hours * 3600_000);
      const [outcome] = await carrier.track([n], now);
      const plan = planShipmentUpdate(state, outcome!, {
        now,
        policy,
        collapseMilestones: true,
        random: () => 0.5,
      });
      notified.push(...plan.notify);
      state = { ...plan.changes, createdAt: start };
    }
    expect(notified).toEqual(['shipped', 'stalled', 'delivered']);
    expect(state.stalledAt).toBeNull();
  });

  it('when a result is produced, then every event has a stable identity', async () => {
    const outcome = await trackAt(number('SIM1001HAPPY'), 200);
    const events = (outcome as { result: CarrierResult }).result.events;
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});

describe('when a simulated journey starts', () => {
  const tenMinutesLater = new Date(start.getTime() + 600_000);
  const registeredLate = new SimulatedCarrier({
    paceMs: 20_000,
    epoch: start,
    journeyStarts: async (numbers) =>
      new Map(numbers.filter((n) => n === 'SIM1001HAPPY').map((n) => [n, tenMinutesLater])),
  });

  it('when an unanchored number’s shipment is created ten minutes after start-up, then its first poll shows the label, not a delivery', async () => {
    const [first] = await registeredLate.track(
      ['SIM1001HAPPY'],
      new Date(tenMinutesLater.getTime() + 5_000),
    );
    expect(first).toMatchObject({ ok: true, result: { status: 'pending' } });
    expect((first as { result: CarrierResult }).result.events.map((e) => e.rawCode)).toEqual([
      'LC',
    ]);
  });

  it('when no shipment accounts for an unanchored number, then its journey starts at the carrier’s epoch', async () => {
    const [outcome] = await registeredLate.track(['SIM1002HAPPY'], tenMinutesLater);
    expect(outcome).toMatchObject({ ok: true, result: { status: 'delivered' } });
  });

  it('when the journey starts cannot be read, then every number fails transiently instead of throwing', async () => {
    const broken = new SimulatedCarrier({
      paceMs: 20_000,
      epoch: start,
      journeyStarts: () => Promise.reject(new Error('database down')),
    });
    const outcomes = await broken.track(['SIM1HAPPY', number('SIM2HAPPY')], tenMinutesLater);
    expect(outcomes.map((o) => !o.ok && o.error.kind)).toEqual(['transient', 'transient']);
  });
});
