import type { ShipmentRepository } from '../../db/repositories/shipment.repository';
import type { Clock } from '../../shared/clock';
import type { CarrierResult } from '../carrier';
import type { TrackingRecorder } from '../tracking-recorder';
import { normalizeTrackingNumber } from '../domain/tracking-number-formats';
import type { Shipment } from '../shipment';

export interface PushIngestionDeps {
  shipments: ShipmentRepository;
  recorder: TrackingRecorder;
  clock: Clock;
  owner: string;
  leaseMs: number;
  /** Waits between attempts to claim a shipment a poller holds right now. */
  sleep?: (ms: number) => Promise<void>;
  claimAttempts?: number;
}

export interface PushSummary {
  /** Updates that matched at least one shipment. */
  matched: number;
  /** Updates for numbers no merchant tracks with this carrier (ignored). */
  unmatched: number;
  /** Shipments a poller held for the whole wait; the sender should retry. */
  busy: number;
  milestones: number;
  intents: number;
}

/** Updates applied together at most: one round's queries stay small whatever arrives. */
const roundSize = 200;
const retryAfterMs = 200;

/** One push being applied: what is still open of it, and how to answer it. */
interface PushRequest {
  carrier: string;
  summary: PushSummary;
  /** Updates not yet looked up plus (update, shipment) pairs not yet applied. */
  open: number;
  settled: boolean;
  resolve: (summary: PushSummary) => void;
  reject: (error: unknown) => void;
}

/** A pushed update whose shipments are not looked up yet. */
interface Update {
  request: PushRequest;
  result: CarrierResult;
  trackingNumber: string;
}

/** A pushed update for one of its shipments, waiting for that shipment's claim. */
interface Pair {
  request: PushRequest;
  result: CarrierResult;
  shipmentId: string;
  /** Claims tried so far (a poller held the shipment each time). */
  attempts: number;
  /** As read this round (absent until then). */
  shipment?: Shipment;
}

/**
 * Applies pushed carrier updates right away, through the same claim, diff and outbox as
 * polling, so a push and a poll never both write a shipment.
 *
 * Pushes that arrive while a round is being applied wait for the next round, which takes them
 * all together: one query per carrier finds their shipments, one compare-and-set claims them,
 * one recorder batch writes them. Under load a round costs about what one push used to, so an
 * answer waits for at most the round in progress and its own; alone, a push is applied at once.
 * A shipment a poller holds is tried again every 200 ms (10 times by default) without holding
 * up the others; two updates for one shipment are applied in turn, in the order they came.
 */
export class PushIngestion {
  private updates: Update[] = [];
  private pairs: Pair[] = [];
  private draining = false;

  constructor(private readonly deps: PushIngestionDeps) {}

  ingest(carrier: string, results: CarrierResult[]): Promise<PushSummary> {
    return new Promise((resolve, reject) => {
      const summary: PushSummary = { matched: 0, unmatched: 0, busy: 0, milestones: 0, intents: 0 };
      if (results.length === 0) return resolve(summary);
      const request: PushRequest = {
        carrier,
        summary,
        open: results.length,
        settled: false,
        resolve,
        reject,
      };
      for (const result of results)
        this.updates.push({
          request,
          result,
          trackingNumber: normalizeTrackingNumber(result.trackingNumber),
        });
      this.drain();
    });
  }

  /** Runs rounds while anything is waiting; one drain at a time. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    void (async () => {
      for (;;) {
        const updates = this.updates.splice(0, roundSize);
        const pairs = this.pairs.splice(0, roundSize);
        if (updates.length === 0 && pairs.length === 0) {
          this.draining = false;
          return;
        }
        try {
          await this.round(updates, pairs);
        } catch (error) {
          for (const { request } of [...updates, ...pairs]) fail(request, error);
        }
      }
    })();
  }

  private async round(updates: Update[], retried: Pair[]): Promise<void> {
    const live = (u: { request: PushRequest }) => !u.request.settled;
    const found = await this.lookUp(updates.filter(live), retried.filter(live));
    // One update per shipment a round: a later one for the same shipment waits for the next.
    const claiming = new Map<string, Pair>();
    for (const pair of found)
      if (claiming.has(pair.shipmentId)) this.pairs.push(pair);
      else claiming.set(pair.shipmentId, pair);
    if (claiming.size === 0) return;
    const now = this.deps.clock.now();
    const won = await this.deps.shipments.claimAsRead(
      [...claiming.values()].map((p) => p.shipment!),
      { owner: this.deps.owner, now, leaseMs: this.deps.leaseMs },
    );
    const checks = won.map(({ claim, shipment }) => {
      const pair = claiming.get(shipment.id)!;
      claiming.delete(shipment.id);
      return {
        pair,
        check: {
          shipment,
          fence: claim.fence,
          outcome: { ok: true as const, result: pair.result },
        },
      };
    });
    for (const pair of claiming.values()) this.retryLater(pair);
    if (checks.length === 0) return;
    const recorded = await this.deps.recorder.record(
      checks.map((c) => c.check),
      now,
    );
    checks.forEach(({ pair }, i) => {
      const { summary } = pair.request;
      summary.milestones += recorded.perCheck[i]!.milestones;
      summary.intents += recorded.perCheck[i]!.intents;
      settle(pair.request);
    });
  }

  /**
   * The shipments of this round's new updates (one query per carrier; updates matching none
   * are answered as unmatched) and of the pairs tried again, as they are now.
   */
  private async lookUp(updates: Update[], retried: Pair[]): Promise<Pair[]> {
    const byCarrier = new Map<string, Update[]>();
    for (const update of updates) {
      const group = byCarrier.get(update.request.carrier) ?? [];
      group.push(update);
      byCarrier.set(update.request.carrier, group);
    }
    const [current, ...perCarrier] = await Promise.all([
      retried.length
        ? this.deps.shipments.findByIds([...new Set(retried.map((p) => p.shipmentId))])
        : Promise.resolve([]),
      ...[...byCarrier].map(([carrier, group]) =>
        this.deps.shipments.findByTrackingNumbers(
          carrier,
          group.map((u) => u.trackingNumber),
        ),
      ),
    ]);
    const pairs: Pair[] = [];
    const byId = new Map(current!.map((s) => [s.id, s]));
    for (const pair of retried) {
      pair.shipment = byId.get(pair.shipmentId);
      if (pair.shipment) pairs.push(pair);
      else settle(pair.request); // deleted meanwhile (erasure): nothing left to update
    }
    [...byCarrier.values()].forEach((group, i) => {
      const byNumber = new Map<string, Shipment[]>();
      for (const shipment of perCarrier[i]!) {
        const same = byNumber.get(shipment.trackingNumber) ?? [];
        same.push(shipment);
        byNumber.set(shipment.trackingNumber, same);
      }
      for (const { request, result, trackingNumber } of group) {
        const shipments = byNumber.get(trackingNumber) ?? [];
        if (shipments.length === 0) {
          request.summary.unmatched++;
          settle(request);
          continue;
        }
        request.summary.matched++;
        request.open += shipments.length - 1;
        for (const shipment of shipments)
          pairs.push({ request, result, shipmentId: shipment.id, attempts: 0, shipment });
      }
    });
    return pairs;
  }

  /** A shipment another worker holds: tried again shortly, or counted busy after the last try. */
  private retryLater(pair: Pair): void {
    pair.attempts++;
    pair.shipment = undefined;
    if (pair.attempts >= (this.deps.claimAttempts ?? 10)) {
      pair.request.summary.busy++;
      settle(pair.request);
      return;
    }
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    void sleep(retryAfterMs).then(() => {
      this.pairs.push(pair);
      this.drain();
    });
  }
}

/** Closes one of a request's open parts; the last one answers it. */
function settle(request: PushRequest): void {
  request.open--;
  if (request.open > 0 || request.settled) return;
  request.settled = true;
  request.resolve(request.summary);
}

function fail(request: PushRequest, error: unknown): void {
  if (request.settled) return;
  request.settled = true;
  request.reject(error);
}
