import type { OrderInput } from '../db/repositories/order.repository';
import { defaultMerchantPreferences, type Merchant } from '../merchants/merchant';
import { defaultGuestPreferences } from '../orders/order';

export const demoMerchantSlug = 'demo';

export const demoMerchant: Omit<Merchant, 'id' | 'createdAt' | 'updatedAt'> = {
  name: 'Juniper & Pine',
  branding: {
    displayName: 'Juniper & Pine',
    primaryColor: '#2f6b4f',
    supportEmail: 'help@juniper-pine.example',
    supportUrl: 'https://juniper-pine.example/help',
  },
  senders: {
    email: {
      from: 'orders@juniper-pine.example',
      fromName: 'Juniper & Pine',
      replyTo: 'help@juniper-pine.example',
    },
    sms: {},
  },
  preferences: { ...defaultMerchantPreferences(), timezone: 'America/New_York' },
};

export interface DemoOrder {
  order: Omit<OrderInput, 'merchantId'>;
  shipments: Array<{ carrier: string; trackingNumber: string }>;
}

const consent = (granted: boolean) => ({
  granted,
  at: granted ? new Date('2026-01-01T00:00:00Z') : undefined,
  source: 'demo-checkout',
});

function guest(
  email: string,
  phone: string | undefined,
  name: string,
  locale: string,
  timezone: string,
) {
  return {
    email,
    phone,
    name,
    locale,
    timezone,
    consent: { email: consent(true), sms: consent(Boolean(phone)) },
    preferences: { ...defaultGuestPreferences, channels: { ...defaultGuestPreferences.channels } },
  };
}

/** Demo orders; the simulated carrier derives each journey from the tracking number. */
export const demoOrders: DemoOrder[] = [
  {
    order: {
      externalId: 'demo-1001',
      orderNumber: '1001',
      guest: guest('ada@example.com', '+12025550143', 'Ada Lovelace', 'en', 'America/New_York'),
      destination: { city: 'Brooklyn', region: 'NY', postalCode: '11201', country: 'US' },
      items: [
        { name: 'Linen apron', quantity: 1 },
        { name: 'Cedar cutting board', quantity: 1 },
      ],
    },
    shipments: [{ carrier: 'simulated', trackingNumber: 'SIM1001HAPPY' }],
  },
  {
    order: {
      externalId: 'demo-1002',
      orderNumber: '1002',
      guest: guest('lucia@example.com', '+34600000002', 'Lucía García', 'es', 'Europe/Madrid'),
      destination: { city: 'Madrid', region: 'MD', postalCode: '28001', country: 'ES' },
      items: [
        { name: 'Ceramic mug', quantity: 2 },
        { name: 'Pour-over kettle', quantity: 1 },
      ],
    },
    shipments: [
      { carrier: 'simulated', trackingNumber: 'SIM1002DELAY' },
      { carrier: 'simulated', trackingNumber: 'SIM1002HAPPY' },
    ],
  },
  {
    order: {
      externalId: 'demo-1003',
      orderNumber: '1003',
      guest: guest('camille@example.com', undefined, 'Camille Martin', 'fr', 'Europe/Paris'),
      destination: { city: 'Lyon', region: 'ARA', postalCode: '69001', country: 'FR' },
      items: [{ name: 'Wool throw', quantity: 1 }],
    },
    shipments: [{ carrier: 'simulated', trackingNumber: 'SIM1003EXCPT' }],
  },
  {
    order: {
      externalId: 'demo-1004',
      orderNumber: '1004',
      guest: guest('jonas@example.com', '+4915100000004', 'Jonas Weber', 'de', 'Europe/Berlin'),
      destination: { city: 'Berlin', region: 'BE', postalCode: '10115', country: 'DE' },
      items: [{ name: 'Enamel pot', quantity: 1 }],
    },
    shipments: [{ carrier: 'simulated', trackingNumber: 'SIM1004PCKUP' }],
  },
  {
    // The carrier gives no date for this one: the page shows Porchlight's own estimate.
    order: {
      externalId: 'demo-1005',
      orderNumber: '1005',
      guest: guest('grace@example.com', undefined, 'Grace Hopper', 'en', 'America/New_York'),
      destination: { city: 'Brooklyn', region: 'NY', postalCode: '11201', country: 'US' },
      items: [{ name: 'Walnut serving tray', quantity: 1 }],
    },
    shipments: [{ carrier: 'simulated', trackingNumber: 'SIM1005QUIET' }],
  },
];
