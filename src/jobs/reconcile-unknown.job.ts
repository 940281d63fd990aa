import type { Job } from './job';

/** Asks the providers about sends whose outcome stayed unknown past RECONCILE_AFTER_SECONDS. */
export function reconcileUnknownJob(schedule: string): Job {
  return {
    name: 'reconcile-unknown',
    schedule,
    run: (container) => container.notify.reconciler.reconcileUnknown(),
  };
}
