import type { Config } from '../config/config';
import type { Job } from './job';
import { deliverMerchantWebhooksJob } from './deliver-merchant-webhooks.job';
import { eraseExpiredGuestsJob } from './erase-expired-guests.job';
import { dispatchNotificationsJob } from './dispatch-notifications.job';
import { pollShipmentsJob } from './poll-shipments.job';
import { reconcileUnknownJob } from './reconcile-unknown.job';
import { processStoreWebhooksJob } from './process-store-webhooks.job';

/** Every job the worker process runs. */
export function workerJobs(config: Config): Job[] {
  return [
    pollShipmentsJob(config),
    dispatchNotificationsJob(config.worker.dispatchCron),
    eraseExpiredGuestsJob(config.worker.maintenanceCron),
    deliverMerchantWebhooksJob(config.worker.dispatchCron),
    reconcileUnknownJob(config.notify.reconcileCron),
    processStoreWebhooksJob(config.worker.dispatchCron),
  ];
}
