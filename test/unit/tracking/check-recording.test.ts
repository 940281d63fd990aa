import { ManualClock } from '../../../src/shared/clock';
import { CheckRecording } from '../../../src/tracking/poll/poll-service';
import type { Check } from '../../../src/tracking/tracking-recorder';

const check = (n: number) => ({ shipment: { id: `s${n}` }, fence: 1 }) as unknown as Check;
const checks = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => check(from + i));

function recorder() {
  const pieces: string[][] = [];
  let writing = 0;
  let overlapped = false;
  const record = async (piece: Check[]) => {
    writing++;
    if (writing > 1) overlapped = true;
    await new Promise((resolve) => setTimeout(resolve, 1));
    pieces.push(piece.map((c) => c.shipment.id));
    writing--;
    return { completed: piece.length, milestones: 1, intents: 2 };
  };
  return { pieces, record, overlapped: () => overlapped };
}

describe('recording carrier answers in pieces', () => {
  it('when answers pass the piece size, then they are recorded before the batch ends', async () => {
    const clock = new ManualClock(new Date('2026-11-30T00:00:00Z'));
    const r = recorder();
    const recording = new CheckRecording(r.record, { checks: 100, ms: 5_000, clock });
    await recording.add(checks(0, 60));
    expect(r.pieces).toEqual([]);
    await recording.add(checks(60, 60));
    expect(r.pieces.map((p) => p.length)).toEqual([120]);
    await recording.add(checks(120, 30));
    expect(await recording.finish()).toEqual({ completed: 150, milestones: 2, intents: 4 });
    expect(r.pieces.map((p) => p.length)).toEqual([120, 30]);
  });

  it('when a slow carrier answers a few at a time, then the oldest answer waits at most the time limit', async () => {
    const clock = new ManualClock(new Date('2026-11-30T00:00:00Z'));
    const r = recorder();
    const recording = new CheckRecording(r.record, { checks: 100, ms: 5_000, clock });
    await recording.add(checks(0, 1));
    clock.advance(4_000);
    await recording.add(checks(1, 1));
    expect(r.pieces).toEqual([]);
    clock.advance(1_000);
    await recording.add(checks(2, 1));
    expect(r.pieces).toEqual([['s0', 's1', 's2']]);
    clock.advance(60_000); // a lone later answer starts a new wait
    await recording.add(checks(3, 1));
    expect(r.pieces).toHaveLength(1);
    await recording.finish();
    expect(r.pieces).toEqual([['s0', 's1', 's2'], ['s3']]);
  });

  it('when carrier requests answer concurrently, then pieces are written one at a time and none is lost', async () => {
    const clock = new ManualClock(new Date('2026-11-30T00:00:00Z'));
    const r = recorder();
    const recording = new CheckRecording(r.record, { checks: 10, ms: 5_000, clock });
    await Promise.all(Array.from({ length: 8 }, (_, i) => recording.add(checks(i * 7, 7))));
    const total = await recording.finish();
    expect(r.overlapped()).toBe(false);
    expect(total.completed).toBe(56);
    expect(new Set(r.pieces.flat()).size).toBe(56);
  });

  it('when nothing was answered, then nothing is recorded', async () => {
    const r = recorder();
    const recording = new CheckRecording(r.record, {
      checks: 10,
      ms: 5_000,
      clock: new ManualClock(new Date()),
    });
    await recording.add([]);
    expect(await recording.finish()).toEqual({ completed: 0, milestones: 0, intents: 0 });
    expect(r.pieces).toEqual([]);
  });
});
