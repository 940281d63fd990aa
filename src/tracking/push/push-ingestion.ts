import type { ShipmentRepository } from '../../db/repositories/shipment.repository';
import type { Clock } from '../../shared/clock';
import type { CarrierResult } from '../carrier';
import type { TrackingRecorder } from '../tracking-recorder';
import { normalizeTrackingNumber } from '../domain/tracking-number-formats';

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

/**
 * Applies pushed carrier updates right away, through the same diff and outbox as polling. Each
 * shipment is claimed like a poll would claim it, so a push and a poll never both write it.
 */
export class PushIngestion {
  constructor(private readonly deps: PushIngestionDeps) {}

  async ingest(carrier: string, results: CarrierResult[]): Promise<PushSummary> {
    const summary: PushSummary = { matched: 0, unmatched: 0, busy: 0, milestones: 0, intents: 0 };
    for (const result of results) {
      const shipments = await this.deps.shipments.findByTrackingNumber(
        carrier,
        normalizeTrackingNumber(result.trackingNumber),
      );
      if (shipments.length === 0) {
        summary.unmatched++;
        continue;
      }
      summary.matched++;
      for (const { id } of shipments) {
        const fence = await this.claim(id);
        if (fence === null) {
          summary.busy++;
          continue;
        }
        const [shipment] = await this.deps.shipments.findByIds([id]);
        if (!shipment) continue;
        const recorded = await this.deps.recorder.record(
          [{ shipment, fence, outcome: { ok: true, result } }],
          this.deps.clock.now(),
        );
        summary.milestones += recorded.milestones;
        summary.intents += recorded.intents;
      }
    }
    return summary;
  }

  private async claim(id: string): Promise<number | null> {
    const attempts = this.deps.claimAttempts ?? 10;
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    for (let attempt = 0; attempt < attempts; attempt++) {
      const claim = await this.deps.shipments.claimOne(id, {
        owner: this.deps.owner,
        now: this.deps.clock.now(),
        leaseMs: this.deps.leaseMs,
      });
      if (claim) return claim.fence;
      await sleep(200);
    }
    return null;
  }
}
