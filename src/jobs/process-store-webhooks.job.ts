import type { Job } from './job';

/** Applies stored Shopify and WooCommerce webhook events (orders, fulfilments, privacy). */
export function processStoreWebhooksJob(schedule: string): Job {
  return {
    name: 'process-store-webhooks',
    schedule,
    run: (container) => container.stores.processor.processDue(),
  };
}
