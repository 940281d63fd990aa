import cron from 'node-cron';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { workerJobs } from '../../src/jobs/worker-jobs';

describe('the worker', () => {
  it('when it starts, then it schedules polling, dispatch, retention, merchant webhooks, reconciliation and store webhooks on valid cron expressions', () => {
    const jobs = workerJobs(
      loadConfig({ NODE_ENV: 'development' }, path.resolve(__dirname, '../../config')),
    );
    expect(jobs.map((j) => j.name).sort()).toEqual([
      'deliver-merchant-webhooks',
      'dispatch-notifications',
      'erase-expired-guests',
      'poll-shipments',
      'process-store-webhooks',
      'reconcile-unknown',
    ]);
    for (const job of jobs) expect(cron.validate(job.schedule)).toBe(true);
  });
});
