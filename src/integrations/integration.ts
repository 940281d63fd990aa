export const platforms = ['shopify', 'woocommerce'] as const;
export type Platform = (typeof platforms)[number];

/** A merchant's store connected to Porchlight; the webhook secret is kept sealed. */
export interface StoreConnection {
  id: string;
  merchantId: string;
  platform: Platform;
  /** Shopify: `juniper.myshopify.com`, the value of `X-Shopify-Shop-Domain`. */
  shopDomain?: string;
  /** WooCommerce: the store's address, as `X-WC-Webhook-Source` gives it. */
  storeUrl?: string;
  /** AES-256-GCM sealed (secret-box.ts); never leaves the server. */
  sealedSecret: string;
  lastError?: { at: Date; message: string } | null;
  createdAt: Date;
}

export interface ConnectionHealth {
  lastEventAt: Date | null;
  /** Over the last 24 hours. */
  accepted: number;
  rejected: number;
  duplicate: number;
  lastError: { at: Date; message: string } | null;
}

export const storeEventStates = ['pending', 'processed', 'ignored', 'failed'] as const;
export type StoreEventState = (typeof storeEventStates)[number];

/** One verified webhook delivery, stored before it is answered and processed by the worker. */
export interface StoreEvent {
  id: string;
  connectionId: string;
  merchantId: string;
  platform: Platform;
  topic: string;
  /** The platform's delivery id, scoped by connection: the unique key against replays. */
  deliveryKey: string;
  /** Shopify's event id (same event, several deliveries), when present; also unique. */
  eventKey?: string;
  /** The raw JSON; dropped once processed (it carries the guest's personal data). */
  body: string | null;
  state: StoreEventState;
  attempts: number;
  nextAttemptAt: Date;
  receivedAt: Date;
  outcome?: string;
}

/** A guest's data request from a store (Shopify customers/data_request). */
export interface DataRequest {
  id: string;
  merchantId: string;
  connectionId: string;
  platform: Platform;
  /** The platform's request id, for the merchant's records. */
  requestId?: string;
  customer: { externalId?: string; email?: string; phone?: string };
  /** Our external ids of the orders the request names. */
  externalIds: string[];
  /** The store's external id prefix: the guest's other orders there are found by email. */
  orderPrefix: string;
  receivedAt: Date;
}
