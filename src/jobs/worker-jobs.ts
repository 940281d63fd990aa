import type { Config } from '../config/config';
import type { Job } from './job';

/** Every job the worker process runs. */
export function workerJobs(_config: Config): Job[] {
  return [];
}
