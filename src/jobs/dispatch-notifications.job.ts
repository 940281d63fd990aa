import type { Job } from './job';

/** Sends the notifications that are due. */
export function dispatchNotificationsJob(schedule: string): Job {
  return {
    name: 'dispatch-notifications',
    schedule,
    run: (container) => container.notify.dispatcher.dispatchDue(),
  };
}
