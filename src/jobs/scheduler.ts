import cron, { type ScheduledTask } from 'node-cron';
import type { Container } from '../app/container';
import type { Job } from './job';

/**
 * Wraps node-cron: logs each run, catches its errors, and never starts a job again in this
 * process while its previous run is still going. Between processes the database leases are the
 * real lock; this only triggers the scan.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly container: Container) {}

  start(jobs: Job[]): void {
    for (const job of jobs) {
      const task = cron.schedule(job.schedule, () => void this.runNow(job), {
        name: job.name,
        timezone: 'UTC',
      });
      this.tasks.push(task);
    }
  }

  /** Runs the job unless it is already running here; resolves when this run ends. */
  runNow(job: Job): Promise<void> {
    const inFlight = this.running.get(job.name);
    if (inFlight || this.stopped) {
      this.container.logger.debug({ job: job.name }, 'job skipped: previous run still in progress');
      return inFlight ?? Promise.resolve();
    }
    const started = Date.now();
    const run = job
      .run(this.container)
      .then((result) =>
        this.container.logger.debug(
          { job: job.name, ms: Date.now() - started, result },
          'job finished',
        ),
      )
      .catch((err: unknown) => this.container.logger.error({ job: job.name, err }, 'job failed'))
      .finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    return run;
  }

  /** Stops triggering and waits for runs in flight, at most `timeoutMs`. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks) await task.stop();
    const all = Promise.all(this.running.values());
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }
}
