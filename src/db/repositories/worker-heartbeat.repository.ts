import { WorkerHeartbeatModel } from '../models';

/** How often a live process beats, and after how long without a beat its leases are free. */
export const heartbeatEveryMs = 2_000;
export const ownerDeadAfterMs = 10_000;

/**
 * Liveness of lease owners, in wall-clock time (it is about processes, not business time).
 * The collection is one small document per process, so reading it costs nothing.
 */
export class WorkerHeartbeatRepository {
  async beat(owner: string, now = new Date()): Promise<void> {
    await WorkerHeartbeatModel.updateOne(
      { _id: owner },
      { $set: { seenAt: now, expiresAt: new Date(now.getTime() + 86_400_000) } },
      { upsert: true },
    );
  }

  /** A process that stops cleanly says so, and its leases are free at once. */
  async forget(owner: string): Promise<void> {
    await WorkerHeartbeatModel.deleteOne({ _id: owner });
  }

  /** Owners that beat once but not for `ownerDeadAfterMs` (killed or paused processes). */
  async deadOwners(now = new Date()): Promise<string[]> {
    const docs = await WorkerHeartbeatModel.find(
      { seenAt: { $lt: new Date(now.getTime() - ownerDeadAfterMs) } },
      { _id: 1 },
    ).lean<Array<{ _id: string }>>();
    return docs.map((d) => d._id);
  }
}
