import type { StoreConnection } from './integration';

/**
 * Orders from stores get external ids `<platform>:<store>:<order id>`, so a shop's orders can be
 * found again (privacy requests, shop/redact) and never collide with the merchant's own ids.
 */
export function storeOrderPrefix(
  connection: Pick<StoreConnection, 'platform' | 'shopDomain' | 'storeUrl'>,
): string {
  const store =
    connection.platform === 'shopify'
      ? connection.shopDomain
      : connection.storeUrl?.replace(/^https?:\/\//, '');
  return `${connection.platform}:${store ?? ''}:`;
}

/** The canonical form of a WooCommerce store address: scheme, host and path, no trailing slash. */
export function normalizeStoreUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
}
