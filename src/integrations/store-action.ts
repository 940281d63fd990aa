/** An order as a store describes it, in the shape of the API's OrderInput (validated on apply). */
export interface OrderDraft {
  externalId: string;
  orderNumber: string;
  guest: {
    email?: string;
    phone?: string;
    name?: string;
    locale?: string;
    consent?: { sms?: { granted: boolean; at?: string; source?: string } };
  };
  destination?: { city?: string; region?: string; postalCode?: string; country?: string };
  items: Array<{ name: string; quantity: number; imageUrl?: string }>;
  /**
   * When the store last changed the order (Shopify `updated_at`, WooCommerce
   * `date_modified_gmt`). Stores deliver webhooks out of order: an update older than the one
   * already applied is not applied again.
   */
  updatedAt?: string;
}

/** One tracking number and what rides with it; `carrierName` is the store's own words. */
export interface Parcel {
  trackingNumber: string;
  carrierName?: string;
  items: Array<{ name: string; quantity: number }>;
}

/**
 * What a store event asks of Porchlight, decided by a pure mapping (shopify-mapping.ts,
 * woocommerce-mapping.ts) and carried out by apply-store-actions.ts.
 */
export type StoreAction =
  /** `onlyIfNew`: create the order from what a fulfilment knows, never overwrite a fuller one. */
  | { kind: 'order'; draft: OrderDraft; onlyIfNew: boolean }
  | { kind: 'ship'; externalId: string; parcels: Parcel[] }
  | { kind: 'stop_parcels'; externalId: string; trackingNumbers: string[] }
  | { kind: 'cancel_order'; externalId: string }
  | { kind: 'erase_guest'; externalIds: string[]; email?: string; customerId?: string }
  | { kind: 'erase_store' }
  | {
      kind: 'data_request';
      requestId?: string;
      customer: { externalId?: string; email?: string; phone?: string };
      externalIds: string[];
    }
  | { kind: 'ignore'; reason: string };
