import type { Config } from '../config/config';
import type { Job } from './job';

/** Asks the carriers about every shipment that is due, in leased batches. */
export function pollShipmentsJob(config: Config): Job {
  return {
    name: 'poll-shipments',
    schedule: config.worker.pollCron,
    run: (container) => container.tracking.poll.pollDue(),
  };
}
