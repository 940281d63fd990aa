import type { Locale } from '../../i18n/locale';
import type { Merchant } from '../../merchants/merchant';
import type { ShipmentStatus } from '../../tracking/domain/taxonomy';
import type { MessageInput, TemplateName } from './message-input';

/** The shipment status a milestone's message is usually sent in. */
const statusFor: Record<TemplateName, ShipmentStatus> = {
  order_confirmation: 'pending',
  shipped: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  available_for_pickup: 'available_for_pickup',
  failed_attempt: 'failed_attempt',
  exception: 'exception',
  delayed: 'in_transit',
  stalled: 'in_transit',
  delivered: 'delivered',
  returned_to_sender: 'returned_to_sender',
};

const scanText: Partial<Record<ShipmentStatus, string>> = {
  pending: 'Shipping label created',
  in_transit: 'Departed sort facility',
  out_for_delivery: 'Out for delivery',
  available_for_pickup: 'Held at access point for pickup',
  failed_attempt: 'Delivery attempted; business closed',
  exception: 'Address information needed',
  delivered: 'Delivered, front door',
  returned_to_sender: 'Returned to shipper',
};

/**
 * A believable order for previews, with the merchant's own branding: a named guest, two
 * parcels, items with pictures, and the scan the milestone would follow. Links are
 * placeholders that open nothing.
 */
export function sampleMessage(
  merchant: Pick<Merchant, 'name' | 'branding'>,
  template: TemplateName,
  locale: Locale,
  publicBaseUrl: string,
  now: Date,
): MessageInput {
  const status = statusFor[template];
  const day = 86_400_000;
  const eta = new Date(now.getTime() + (template === 'delayed' ? 4 : 1) * day)
    .toISOString()
    .slice(0, 10);
  return {
    template,
    locale,
    timeZone: 'America/New_York',
    merchant: { name: merchant.name, branding: merchant.branding },
    guestName: 'Alex Morgan',
    orderNumber: '1001',
    items: [
      { name: 'Stoneware mug', quantity: 2 },
      { name: 'Linen tea towel', quantity: 1 },
    ],
    shipments:
      template === 'order_confirmation'
        ? []
        : [
            {
              carrierName: 'UPS',
              trackingNumber: '1Z999AA10123456784',
              trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
              status,
              seenStatuses: ['pending', 'in_transit', status],
              eta,
              latest: {
                status,
                text: scanText[status] ?? 'In transit',
                at: new Date(now.getTime() - 2 * 3_600_000),
                location: { city: 'Brooklyn', region: 'NY', country: 'US' },
              },
            },
          ],
    parcels: { total: 2, delivered: template === 'delivered' ? 1 : 0 },
    wholeOrderDelivered: false,
    statusUrl: `${publicBaseUrl}/t/preview`,
    unsubscribeUrl: `${publicBaseUrl}/u/preview`,
  };
}
