import type { Channel } from '../tracking/domain/taxonomy';

export interface Consent {
  granted: boolean;
  at?: Date;
  source?: string;
}

export interface GuestPreferences {
  channels: Record<Channel, boolean>;
  /** 'all' updates, or 'key' milestones only. */
  level: 'all' | 'key';
  /** The guest stopped all updates for this order. */
  stopped: boolean;
}

export interface Guest {
  email?: string;
  phone?: string; // E.164
  name?: string;
  locale?: string;
  timezone?: string;
  consent: Record<Channel, Consent>;
  preferences: GuestPreferences;
}

export interface Destination {
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface OrderItem {
  name: string;
  quantity: number;
  imageUrl?: string;
  /** The parcel the item travels in, when the shop says; emails then list only that parcel's. */
  trackingNumber?: string;
}

export interface Order {
  id: string;
  merchantId: string;
  externalId: string;
  orderNumber: string;
  guest: Guest;
  destination: Destination;
  items: OrderItem[];
  /** Set when tracking stopped and the guest's personal data was erased. */
  erasedAt?: Date;
  /** Set when the store cancelled the order: nothing more is sent about it. */
  cancelledAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const defaultGuestPreferences: GuestPreferences = {
  channels: { email: true, sms: true },
  level: 'all',
  stopped: false,
};
