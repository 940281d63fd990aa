import type { Container } from '../../../src/app/container';
import type { Job } from '../../../src/jobs/job';
import { Scheduler } from '../../../src/jobs/scheduler';
import { createLogger } from '../../../src/shared/logger';

describe('overlapping ticks', () => {
  it('when a tick fires while the previous poll is still running, then the job is not started twice in this process', async () => {
    let release!: () => void;
    let runs = 0;
    const job: Job = {
      name: 'poll-shipments',
      schedule: '* * * * * *',
      run: () => {
        runs++;
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const scheduler = new Scheduler({ logger: createLogger('silent') } as unknown as Container);
    const first = scheduler.runNow(job);
    const second = scheduler.runNow(job);
    expect(runs).toBe(1);
    release();
    await Promise.all([first, second]);
    const third = scheduler.runNow(job);
    expect(runs).toBe(2);
    release();
    await third;
  });
});
