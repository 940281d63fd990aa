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
  /** The carrier's public page for this number, when known. */
  trackingUrl?: string;
  status: ShipmentStatus;
  /** Every status the shipment's scans went through, for the progress bar. */
  seenStatuses?: ShipmentStatus[];
  /** YYYY-MM-DD in the destination's calendar. */
  eta?: string;
  /** The delivery window when Porchlight estimated it itself (the carrier gave no date). */
  estimate?: { from: string; to: string; source: 'carrier' | 'porchlight' };
  latest?: { status?: ShipmentStatus; text: string; at: Date; location?: EventLocation };
}

/** Everything a message shows; rendering adds nothing but wording and layout. */
export interface MessageInput {
  template: TemplateName;
  locale: Locale;
  timeZone: string;
  merchant: { name: string; branding: Branding };
  /** The guest's name as the order gives it; the greeting uses the first word. */
  guestName?: string;
  orderNumber: string;
  /** The items in the parcels this message is about (the whole order when unassigned). */
  items: OrderItem[];
  shipments: ShipmentSummary[];
  /** How many of the order's parcels there are and how many arrived, for split orders. */
  parcels?: { total: number; delivered: number };
  /** The last shipment of the order was delivered with this message. */
  wholeOrderDelivered: boolean;
  statusUrl: string;
  unsubscribeUrl: string;
}

export interface RenderedEmail {
  subject: string;
  /** The inbox's one-line summary after the subject (also hidden at the top of the HTML). */
  preheader: string;
  html: string;
  text: string;
  /** Provider categories: the product and the milestone, for per-milestone reporting. */
  categories: string[];
}
