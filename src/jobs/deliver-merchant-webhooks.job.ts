import type { Job } from './job';

/** Delivers (and retries) merchant webhook events. */
export function deliverMerchantWebhooksJob(schedule: string): Job {
  return {
    name: 'deliver-merchant-webhooks',
    schedule,
    run: (container) => container.merchantWebhooks.deliverDue(),
  };
}
