import type { CarrierResult } from '../carrier';
import type { TrackingEvent } from '../shipment';
import { isSideways, milestoneForStatus, rankOf } from './status-progress';
import { isFinal, type Milestone, type ShipmentStatus } from './taxonomy';

export interface TimelineState {
  status: ShipmentStatus;
  events: TrackingEvent[];
  /** Milestones already reached (notified or collapsed away); never reached twice. */
  reached: readonly Milestone[];
}

export interface TimelineDiff {
  status: ShipmentStatus;
  /** Every event, old and new, oldest first. */
  events: TrackingEvent[];
  /** Events not seen before (late older scans included). */
  added: TrackingEvent[];
  /** Whether any added event is newer than everything known before (clears `stalled`). */
  freshScan: boolean;
  /** Milestones reached for the first time, in the order they happened. */
  milestones: Milestone[];
  lastEventAt?: Date;
}

function latest(events: readonly TrackingEvent[]): number {
  return events.reduce((max, e) => Math.max(max, e.occurredAt.getTime()), -Infinity);
}

function progressOf(state: TimelineState): number {
  const ranks = [state.status, ...state.events.map((e) => e.status)].map((s) => rankOf(s) ?? 0);
  return Math.max(0, ...ranks);
}

/**
 * The pure heart of tracking: merges what a carrier reported into what is known. Events are
 * deduplicated by identity; the status only moves forward along the journey, sideways moves
 * (exception, failed attempt) excepted; a late older scan joins the timeline but neither moves
 * the status nor notifies; nothing moves a final shipment.
 */
export function diffTimeline(state: TimelineState, result: CarrierResult): TimelineDiff {
  const known = new Set(state.events.map((e) => e.id));
  const added: TrackingEvent[] = [];
  for (const event of result.events) {
    if (known.has(event.id)) continue;
    known.add(event.id);
    added.push(event);
  }
  added.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());

  const newestBefore = latest(state.events);
  let status = state.status;
  let progress = progressOf(state);
  const reached = new Set<Milestone>(state.reached);
  const milestones: Milestone[] = [];
  const reach = (m: Milestone | undefined) => {
    if (m && !reached.has(m)) {
      reached.add(m);
      milestones.push(m);
    }
  };
  const enter = (next: ShipmentStatus) => {
    if (isFinal(status) || next === 'unknown' || next === 'expired') return;
    const rank = rankOf(next);
    if (rank === undefined) {
      if (!isSideways(next)) return;
    } else {
      if (rank < progress) return;
      progress = rank;
      if (rank >= 1) reach('shipped');
    }
    status = next;
    reach(milestoneForStatus(next));
  };

  for (const event of added) {
    if (event.occurredAt.getTime() < newestBefore) continue; // late older scan: stored only
    enter(event.status);
  }
  // Carriers that report a status without a matching scan still move the shipment forward,
  // unless the response is stale: its newest scan is older than one we already hold.
  const reportedRank = rankOf(result.status);
  const stale = result.events.length > 0 && latest(result.events) < newestBefore;
  if (reportedRank !== undefined && reportedRank > progress && !stale) enter(result.status);

  const events = [...state.events, ...added].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime(),
  );
  const newest = latest(events);
  return {
    status,
    events,
    added,
    freshScan: added.some((e) => e.occurredAt.getTime() > newestBefore),
    milestones,
    lastEventAt: Number.isFinite(newest) ? new Date(newest) : undefined,
  };
}
