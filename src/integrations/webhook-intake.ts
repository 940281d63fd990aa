import type { Container } from '../app/container';
import type { Platform, StoreConnection } from './integration';
import type { StoreConnectionService } from './store-connection.service';
import { verifyStoreSignature } from './store-signature';

/** One delivery as it arrived; nothing in it is trusted until the signature checks out. */
export interface Delivery {
  platform: Platform;
  connection: StoreConnection | null;
  rawBody: Buffer;
  signature: string | undefined;
  topic: string | undefined;
  deliveryId: string | undefined;
  /** Shopify's X-Shopify-Event-Id: the same event delivered more than once. */
  eventId?: string;
}

export type IntakeResult = 'accepted' | 'duplicate' | 'rejected' | 'malformed';

type Deps = Pick<Container, 'repositories' | 'clock'> & { connections: StoreConnectionService };

const headerValue = /^[\w.:/-]{1,200}$/;

/**
 * The web side of store webhooks: verify (constant time, before parsing), store once, answer.
 * Processing is the worker's (store-event-processor.ts), so the store hears back in
 * milliseconds and an accepted event survives a crash right after the answer.
 */
export class WebhookIntake {
  constructor(private readonly deps: Deps) {}

  async receive(d: Delivery): Promise<IntakeResult> {
    const { repositories, clock, connections } = this.deps;
    const now = clock.now();
    const connection = d.connection;
    if (!connection || connection.platform !== d.platform) return 'rejected';
    const secret = connections.secretOf(connection);
    if (!secret || !verifyStoreSignature(secret, d.rawBody, d.signature)) {
      await repositories.storeConnections.count(connection.id, 'rejected', now);
      await repositories.storeConnections.recordError(
        connection.id,
        'A delivery was refused: its signature does not match the webhook secret.',
        now,
      );
      return 'rejected';
    }
    if (!d.topic || !d.deliveryId || !headerValue.test(d.topic) || !headerValue.test(d.deliveryId))
      return 'malformed';
    if (!isJsonObject(d.rawBody)) return 'malformed';
    const scope = `${d.platform}:${connection.id}`;
    const result = await repositories.storeEvents.accept(
      {
        connectionId: connection.id,
        merchantId: connection.merchantId,
        platform: d.platform,
        topic: d.topic,
        deliveryKey: `${scope}:${d.deliveryId}`,
        ...(d.eventId && headerValue.test(d.eventId)
          ? { eventKey: `${scope}:${d.topic}:${d.eventId}` }
          : {}),
        body: d.rawBody.toString('utf8'),
      },
      now,
    );
    if (result === 'duplicate')
      await repositories.storeConnections.count(connection.id, 'duplicate', now);
    return result;
  }
}

function isJsonObject(raw: Buffer): boolean {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
