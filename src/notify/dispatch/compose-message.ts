import type { Container } from '../../app/container';
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
 * Mints the status link this message carries (tokens are stored only as hashes, so each
 * message gets its own) and gathers what the templates show.
 */
export async function composeMessage(
  deps: Pick<Container, 'config' | 'repositories' | 'carriers'>,
  notification: Notification,
  order: Order,
  merchant: Merchant,
  shipments: Shipment[],
  allOrderShipments: Shipment[],
): Promise<MessageInput> {
  const { config, repositories, carriers } = deps;
  const token = newStatusToken();
  const finalAts = allOrderShipments.map((s) => s.finalAt);
  const allFinal = allOrderShipments.length > 0 && finalAts.every(Boolean);
  const lastFinal = allFinal ? Math.max(...finalAts.map((d) => (d as Date).getTime())) : 0;
  await repositories.statusTokens.create({
    tokenHash: hashStatusToken(token, config.security.tokenSecret),
    merchantId: merchant.id,
    orderId: order.id,
    expiresAt: allFinal
      ? new Date(lastFinal + merchant.preferences.statusLinkTtlDays * dayMs)
      : undefined,
  });
  return buildMessageInput(
    { template: notification.milestone as TemplateName, locale: notification.locale },
    order,
    merchant,
    shipments,
    allOrderShipments,
    (code) => carriers.get(code),
    {
      statusUrl: statusLink(config.http.publicBaseUrl, token),
      unsubscribeUrl: unsubscribeUrl(
        config.http.publicBaseUrl,
        notification.id,
        config.security.tokenSecret,
      ),
    },
  );
}

export const dayStart = (now: Date): Date => new Date(now.getTime() - dayMs);
