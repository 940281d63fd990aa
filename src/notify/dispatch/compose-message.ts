import type { Container } from '../../app/container';
import type { NewStatusToken } from '../../db/repositories/status-token.repository';
import type { Merchant } from '../../merchants/merchant';
import type { Order } from '../../orders/order';
import { hashStatusToken, newStatusToken, statusLink } from '../../orders/status-token';
import type { Shipment } from '../../tracking/shipment';
import type { Notification } from '../notification';
import { buildMessageInput } from '../render/build-message-input';
import type { MessageInput, TemplateName } from '../render/message-input';
import { unsubscribeUrl } from '../unsubscribe-link';

const dayMs = 86_400_000;

/**
 * A new status link for a message about the order (tokens are stored only as hashes, so each
 * message gets its own): the token for the URL and the record to store before sending. A
 * finished order's link expires `statusLinkTtlDays` after its last parcel became final.
 */
export function mintStatusLink(
  deps: Pick<Container, 'config'>,
  order: Order,
  merchant: Merchant,
  allOrderShipments: Shipment[],
): { token: string; record: NewStatusToken } {
  const token = newStatusToken();
  const finalAts = allOrderShipments.map((s) => s.finalAt);
  const allFinal = allOrderShipments.length > 0 && finalAts.every(Boolean);
  const lastFinal = allFinal ? Math.max(...finalAts.map((d) => (d as Date).getTime())) : 0;
  return {
    token,
    record: {
      tokenHash: hashStatusToken(token, deps.config.security.tokenSecret),
      merchantId: merchant.id,
      orderId: order.id,
      expiresAt: allFinal
        ? new Date(lastFinal + merchant.preferences.statusLinkTtlDays * dayMs)
        : undefined,
    },
  };
}

/** What the templates show for one message, carrying the status link minted for it. */
export function composeMessage(
  deps: Pick<Container, 'config' | 'carriers'>,
  notification: Notification,
  order: Order,
  merchant: Merchant,
  shipments: Shipment[],
  allOrderShipments: Shipment[],
  statusToken: string,
): MessageInput {
  const { config, carriers } = deps;
  return buildMessageInput(
    { template: notification.milestone as TemplateName, locale: notification.locale },
    order,
    merchant,
    shipments,
    allOrderShipments,
    (code) => carriers.get(code),
    {
      statusUrl: statusLink(config.http.publicBaseUrl, statusToken),
      unsubscribeUrl: unsubscribeUrl(
        config.http.publicBaseUrl,
        notification.id,
        config.security.tokenSecret,
      ),
    },
  );
}

export const dayStart = (now: Date): Date => new Date(now.getTime() - dayMs);
