import type { Container } from '../app/container';
import { AppError } from '../shared/app-error';
import type { ConnectionHealth, StoreConnection } from './integration';
import { openSecret, sealSecret, sealingKey } from './secret-box';
import { normalizeStoreUrl } from './store-order-id';

export type ConnectInput =
  | { platform: 'shopify'; shopDomain: string; webhookSecret: string }
  | { platform: 'woocommerce'; storeUrl: string; webhookSecret: string };

/** The webhook topics each platform should send, as the merchant picks them in its admin. */
export const subscribedTopics = {
  shopify: [
    'orders/create',
    'orders/updated',
    'orders/cancelled',
    'fulfillments/create',
    'fulfillments/update',
    'customers/data_request',
    'customers/redact',
    'shop/redact',
  ],
  woocommerce: ['order.created', 'order.updated'],
} as const;

type Deps = Pick<Container, 'config' | 'clock' | 'repositories'>;

/** Connecting stores: the secret is sealed on the way in and only ever opened to verify. */
export class StoreConnectionService {
  private readonly key: Buffer;

  constructor(private readonly deps: Deps) {
    this.key = sealingKey(deps.config.security.tokenSecret);
  }

  async connect(
    merchantId: string,
    input: ConnectInput,
  ): Promise<{ connection: StoreConnection; created: boolean }> {
    const store =
      input.platform === 'shopify'
        ? { shopDomain: input.shopDomain.trim().toLowerCase() }
        : { storeUrl: normalizeStoreUrl(input.storeUrl) };
    const key =
      input.platform === 'shopify'
        ? `shopify:${store.shopDomain}`
        : `woocommerce:${merchantId}:${store.storeUrl}`;
    const result = await this.deps.repositories.storeConnections.connect({
      merchantId,
      platform: input.platform,
      key,
      ...store,
      sealedSecret: sealSecret(this.key, input.webhookSecret),
    });
    if (!result)
      throw new AppError('conflict', 'This shop is connected to another Porchlight account.', {
        fields: [{ field: 'shopDomain', message: 'already connected elsewhere' }],
      });
    return result;
  }

  async list(
    merchantId: string,
  ): Promise<Array<{ connection: StoreConnection; health: ConnectionHealth }>> {
    const { repositories, clock } = this.deps;
    const connections = await repositories.storeConnections.list(merchantId);
    const since = new Date(clock.now().getTime() - 24 * 3_600_000);
    const health = await repositories.storeConnections.health(connections, since);
    return connections.map((connection) => ({
      connection,
      health: health.get(connection.id) as ConnectionHealth,
    }));
  }

  /** The URL(s) to paste into the store's admin. */
  webhookUrls(connection: StoreConnection): string[] {
    const base = this.deps.config.http.publicBaseUrl;
    return connection.platform === 'shopify'
      ? [`${base}/integrations/shopify/webhooks`]
      : [`${base}/integrations/woocommerce/webhooks/${connection.id}`];
  }

  /** The plain secret, to verify a delivery; null when TOKEN_SECRET changed since connecting. */
  secretOf(connection: StoreConnection): string | null {
    return openSecret(this.key, connection.sealedSecret);
  }
}
