import { whileRenewing, type Claim } from '../../db/lease';
import type { RateWindowRepository } from '../../db/repositories/rate-window.repository';
import type { ShipmentRepository } from '../../db/repositories/shipment.repository';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { Slots } from '../../shared/slots';
import type { Metrics } from '../../metrics/metrics';
import type { CarrierAdapter, CarrierOutcome } from '../carrier';
import type { CarrierRegistry } from '../carrier-registry';
import { backoffPollAt, type PollSchedulePolicy, type Random } from '../domain/poll-schedule';
import type { Shipment } from '../shipment';
import type { Check, RecordSummary, TrackingRecorder } from '../tracking-recorder';
import { inPool, SharedRateLimiter } from './rate-limiter';
import { carrierIsStruggling, trackBatch } from './track-batch';

export interface PollServiceDeps {
  shipments: ShipmentRepository;
  carriers: CarrierRegistry;
  recorder: TrackingRecorder;
  clock: Clock;
  logger: Logger;
  /** This process as lease owner. */
  owner: string;
  leaseMs: number;
  batchSize: number;
  schedule: PollSchedulePolicy;
  random: Random;
  /** Lease owners that stopped beating: their claims are taken over at once. */
  deadOwners: () => Promise<string[]>;
  metrics: Metrics;
  /** Each carrier's requests per second are counted here, across every worker. */
  rateWindows: Pick<RateWindowRepository, 'takeMany'>;
}

export interface PollSummary {
  claimed: number;
  completed: number;
  milestones: number;
  intents: number;
}

type Claimed = { claim: Claim; shipment: Shipment };

/**
 * Batches in flight at once (with the carriers or being recorded) while the next is claimed.
 * Each batch waits on the database for most of its round trips, so a third keeps the worker
 * and the database busy at the same time: a 20,000-shipment pass on the embedded server took
 * 21.6-22.1 s with three against 23.6-23.9 s with two, at the same peak RSS; four gained nothing.
 */
const pipelineDepth = 3;

const noop = () => undefined;

/** Resolves `done` once `tick` has been called `count` times (at once when `count` is 0). */
function countdown(count: number): { done: Promise<void>; tick: () => void } {
  let left = count;
  let resolve: () => void = noop;
  const done = new Promise<void>((r) => (resolve = r));
  if (left === 0) resolve();
  return { done, tick: () => void (--left === 0 && resolve()) };
}

/**
 * Carrier answers are recorded once this many have come in, or once the oldest has waited this
 * long: a worker that dies mid-batch loses at most that much carrier work (and its milestones
 * are not held back until a slow carrier has answered for the whole batch).
 */
const recordEvery = { checks: 100, ms: 5_000 };

/**
 * Collects carrier answers and records them in pieces (see `recordEvery`), one piece at a time,
 * summing what each recorded. Pieces hold disjoint claims, so each is fenced on its own.
 */
export class CheckRecording {
  private pending: Check[] = [];
  private oldestAt = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly total: RecordSummary = { completed: 0, milestones: 0, intents: 0 };

  constructor(
    private readonly record: (checks: Check[]) => Promise<RecordSummary>,
    private readonly every: { checks: number; ms: number; clock: Clock },
  ) {}

  async add(checks: Check[]): Promise<void> {
    if (checks.length === 0) return;
    const now = this.every.clock.now().getTime();
    if (this.pending.length === 0) this.oldestAt = now;
    this.pending.push(...checks);
    if (this.pending.length >= this.every.checks || now - this.oldestAt >= this.every.ms)
      await this.flush();
  }

  /** Records what is left and returns the sum over every piece. */
  async finish(): Promise<RecordSummary> {
    await this.flush();
    return { ...this.total };
  }

  private flush(): Promise<void> {
    const piece = this.pending;
    this.pending = [];
    const next = this.writing.then(async () => {
      if (piece.length === 0) return;
      const done = await this.record(piece);
      this.total.completed += done.completed;
      this.total.milestones += done.milestones;
      this.total.intents += done.intents;
    });
    this.writing = next;
    return next;
  }
}

/**
 * One worker's share of the polling: claims due shipments in batches with a fenced lease, asks
 * each carrier within its limits, and records the results. Several workers run this at once on
 * one database; the leases keep them apart.
 */
export class PollService {
  /** Per carrier: this worker's requests in flight, and the rate all workers share. */
  private readonly gates = new Map<string, { slots: Slots; rate: SharedRateLimiter }>();
  private readonly carrierBackoff = new Map<string, { until: Date; failures: number }>();
  private resumed = false;
  private stopping = false;

  constructor(private readonly deps: PollServiceDeps) {}

  async pollDue(): Promise<PollSummary> {
    const summary: PollSummary = { claimed: 0, completed: 0, milestones: 0, intents: 0 };
    if (!this.resumed) {
      const enabled = this.deps.carriers
        .all()
        .filter((a) => a.enabled)
        .map((a) => a.code);
      await this.deps.shipments.resumeCarriers(enabled, this.deps.clock.now());
      this.resumed = true;
    }
    // Shipments that fell due during a pass (short intervals, postponements) get another pass.
    for (;;) {
      const pass = await this.pollPass();
      for (const key of Object.keys(summary) as Array<keyof PollSummary>) summary[key] += pass[key];
      if (pass.claimed === 0 || this.stopping) return summary;
    }
  }

  /**
   * Stops claiming new batches. Requests already made are answered and recorded; the rest of
   * the batches in hand is given back, due at once, for another worker to poll.
   */
  stop(): void {
    this.stopping = true;
  }

  /**
   * One pass over everything due: one cursor of candidates, claimed a batch at a time, with the
   * next batch claimed while up to `pipelineDepth` earlier ones are with the carriers.
   */
  private async pollPass(): Promise<PollSummary> {
    const summary: PollSummary = { claimed: 0, completed: 0, milestones: 0, intents: 0 };
    const deadOwners = await this.deps.deadOwners();
    const chunks = this.deps.shipments.dueCandidates({
      now: this.deps.clock.now(),
      chunkSize: this.deps.batchSize,
      skipCarriers: this.backingOff(this.deps.clock.now()),
      deadOwners,
    });
    const inFlight = new Set<Promise<void>>();
    const errors: unknown[] = [];
    for await (const candidates of chunks) {
      if (this.stopping) break;
      const now = this.deps.clock.now();
      const won = await this.deps.shipments.claim(candidates, {
        owner: this.deps.owner,
        now,
        leaseMs: this.deps.leaseMs,
      });
      if (won.length === 0) continue;
      this.deps.metrics.claimed(
        'shipment',
        won.map((w) => w.claim),
      );
      summary.claimed += won.length;
      const { started, done } = this.pollBatch(won, now);
      const batch: Promise<void> = done
        .then((recorded) => {
          summary.completed += recorded.completed;
          summary.milestones += recorded.milestones;
          summary.intents += recorded.intents;
        })
        .catch((error: unknown) => void errors.push(error))
        .finally(() => inFlight.delete(batch));
      inFlight.add(batch);
      // The next batch is claimed once this one's carrier requests are all under way: with a
      // slow carrier a worker holds one batch waiting, not `pipelineDepth`, so the others can
      // claim the rest of the pass.
      await started;
      if (inFlight.size >= pipelineDepth) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (errors.length) throw errors[0];
    return summary;
  }

  private backingOff(now: Date): string[] {
    return [...this.carrierBackoff].filter(([, b]) => b.until > now).map(([code]) => code);
  }

  /**
   * Polls one claimed batch, each carrier's group at once (each within its own limits).
   * `started` resolves once every carrier request of the batch is under way (or the batch has
   * ended); `done` with what was recorded.
   */
  private pollBatch(
    won: Claimed[],
    now: Date,
  ): { started: Promise<void>; done: Promise<RecordSummary> } {
    const byCarrier = new Map<string, Claimed[]>();
    for (const claimed of won) {
      const group = byCarrier.get(claimed.shipment.carrier) ?? [];
      group.push(claimed);
      byCarrier.set(claimed.shipment.carrier, group);
    }
    const recording = new CheckRecording((checks) => this.deps.recorder.record(checks, now), {
      checks: recordEvery.checks,
      ms: recordEvery.ms,
      clock: this.deps.clock,
    });
    let requests = 0;
    for (const [code, group] of byCarrier) {
      const adapter = this.deps.carriers.get(code);
      if (adapter?.enabled) requests += Math.ceil(group.length / adapter.limits.batchSize);
    }
    const started = countdown(requests);
    const claims = won.map((w) => w.claim);
    const renew = () =>
      this.deps.shipments.renewLeases(claims, {
        owner: this.deps.owner,
        now: this.deps.clock.now(),
        leaseMs: this.deps.leaseMs,
      });
    const onRenewalError = (err: unknown) =>
      this.deps.logger.warn({ err }, 'poll lease renewal failed');
    // Leases held while the carriers answer: a carrier's shared rate can make a batch outlast them.
    const done = whileRenewing(renew, this.deps.leaseMs, onRenewalError, async () => {
      // Settled, not raced: one carrier's failure leaves no other carrier's work running on.
      const settled = await Promise.allSettled(
        [...byCarrier].map(async ([code, group]) => {
          const adapter = this.deps.carriers.get(code);
          if (!adapter || !adapter.enabled) return this.stopTracking(group, adapter, code);
          const postponed = await this.pollCarrier(adapter, group, now, recording, started.tick);
          return postponed.length
            ? this.deps.recorder.release(
                postponed.map((p) => p.claim),
                { nextPollAt: this.carrierBackoff.get(code)?.until ?? now },
              )
            : 0;
        }),
      );
      const recorded = await recording.finish();
      let released = 0;
      for (const result of settled) {
        if (result.status === 'rejected') throw result.reason;
        released += result.value;
      }
      return { ...recorded, completed: released + recorded.completed };
    });
    return { started: Promise.race([started.done, done.then(noop, noop)]), done };
  }

  /** A shipment whose carrier cannot be asked says why, instead of silently never polling. */
  private stopTracking(group: Claimed[], adapter: CarrierAdapter | undefined, code: string) {
    this.deps.logger.warn(
      { carrier: code, shipments: group.length },
      'carrier unavailable; polling stopped',
    );
    return this.deps.recorder.release(
      group.map((g) => g.claim),
      {
        nextPollAt: null,
        problemKind: adapter ? 'carrier_disabled' : 'unknown_carrier',
        trackingProblem: adapter
          ? (adapter.disabledReason ?? `${adapter.displayName} is not configured`)
          : `no carrier adapter named ${code}`,
      },
    );
  }

  /** This worker's slots for a carrier's requests, and the carrier's rate shared by all. */
  private gateOf(adapter: CarrierAdapter) {
    let gate = this.gates.get(adapter.code);
    if (!gate) {
      gate = {
        slots: new Slots(adapter.limits.concurrency),
        rate: new SharedRateLimiter(
          this.deps.rateWindows,
          `carrier-requests:${adapter.code}`,
          adapter.limits.requestsPerSecond,
        ),
      };
      this.gates.set(adapter.code, gate);
    }
    return gate;
  }

  /**
   * Asks the carrier about a group, handing each answer to `recording`; returns the postponed.
   * A request holds one of the worker's slots for the carrier from before its turn in the
   * shared rate until the carrier answers.
   */
  private async pollCarrier(
    adapter: CarrierAdapter,
    group: Claimed[],
    now: Date,
    recording: CheckRecording,
    requestStarted: () => void,
  ): Promise<Claimed[]> {
    const gate = this.gateOf(adapter);
    const chunks: Claimed[][] = [];
    for (let i = 0; i < group.length; i += adapter.limits.batchSize)
      chunks.push(group.slice(i, i + adapter.limits.batchSize));
    const postponed: Claimed[] = [];
    await inPool(chunks, adapter.limits.concurrency, async (chunk) => {
      let outcomes: Map<string, CarrierOutcome>;
      await gate.slots.acquire();
      try {
        // A stopping worker asks nothing more: what it has not asked yet is given back, due now.
        if (this.stopping || this.backingOff(now).includes(adapter.code)) {
          postponed.push(...chunk);
          requestStarted();
          return;
        }
        this.deps.metrics.carrierBudgetWaited(adapter.code, await gate.rate.take());
        requestStarted();
        outcomes = await trackBatch(
          adapter,
          chunk.map((c) => c.shipment.trackingNumber),
          now,
        );
      } finally {
        gate.slots.give();
      }
      this.noteCarrierHealth(adapter.code, outcomes.values(), now);
      this.deps.metrics.carrierChecked(
        adapter.code,
        chunk.map((c) => c.shipment.nextPollAt),
        outcomes.values(),
        now,
      );
      await recording.add(
        chunk.map((claimed) => ({
          shipment: claimed.shipment,
          fence: claimed.claim.fence,
          outcome: outcomes.get(claimed.shipment.trackingNumber)!,
        })),
      );
    });
    return postponed;
  }

  /** Transient failures across a whole batch back the carrier off for this worker. */
  private noteCarrierHealth(code: string, outcomes: Iterable<CarrierOutcome>, now: Date) {
    const health = carrierIsStruggling(outcomes);
    if (!health.struggling) {
      this.carrierBackoff.delete(code);
      return;
    }
    const failures = (this.carrierBackoff.get(code)?.failures ?? 0) + 1;
    const until = backoffPollAt(
      failures,
      now,
      this.deps.schedule,
      this.deps.random,
      health.retryAfterMs,
    );
    this.carrierBackoff.set(code, { until, failures });
    this.deps.logger.warn({ carrier: code, failures, until }, 'carrier failing; backing off');
  }
}
