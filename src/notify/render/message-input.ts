import type { Locale } from '../../i18n/locale';
import type { Branding } from '../../merchants/merchant';
import type { OrderItem } from '../../orders/order';
import { milestones, type Milestone, type ShipmentStatus } from '../../tracking/domain/taxonomy';
import type { EventLocation } from '../../tracking/shipment';

/** One template per milestone, plus the optional order confirmation. */
export type TemplateName = Milestone | 'order_confirmation';

export const templateNames: TemplateName[] = [...milestones, 'order_confirmation'];

export interface ShipmentSummary {
  carrierName: string;
  trackingNumber: string;
  status: ShipmentStatus;
  /** YYYY-MM-DD in the destination's calendar. */
  eta?: string;
  /** The delivery window when Porchlight estimated it itself (the carrier gave no date). */
  estimate?: { from: string; to: string; source: 'carrier' | 'porchlight' };
  latest?: { text: string; at: Date; location?: EventLocation };
}

/** Everything a message shows; rendering adds nothing but wording and layout. */
export interface MessageInput {
  template: TemplateName;
  locale: Locale;
  timeZone: string;
  merchant: { name: string; branding: Branding };
  orderNumber: string;
  items: OrderItem[];
  shipments: ShipmentSummary[];
  /** The last shipment of the order was delivered with this message. */
  wholeOrderDelivered: boolean;
  statusUrl: string;
  unsubscribeUrl: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
