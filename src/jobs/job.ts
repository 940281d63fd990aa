import type { Container } from '../app/container';

/** A cron job is a declaration: when it runs and the one service call it makes. */
export interface Job {
  name: string;
  /** node-cron expression, evaluated in UTC. */
  schedule: string;
  run(container: Container): Promise<unknown>;
}
