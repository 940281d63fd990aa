import { Schema, model } from 'mongoose';

/**
 * When each process that holds leases last said it was alive. A lease whose owner stopped
 * beating is taken over within seconds instead of waiting out the whole lease (db/lease.ts).
 */
const workerHeartbeatSchema = new Schema(
  {
    /** The process identity leases carry as `lease.owner`. */
    _id: { type: String, required: true },
    seenAt: { type: Date, required: true },
    /** Old processes' rows are removed by the TTL index. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
workerHeartbeatSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const WorkerHeartbeatModel = model('WorkerHeartbeat', workerHeartbeatSchema);
