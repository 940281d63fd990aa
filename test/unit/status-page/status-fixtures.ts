import { defaultGuestPreferences, type Order } from '../../../src/orders/order';

/** An order as the status page reads it: one mug, a consenting guest, in Austin. */
export function guestOrder(at: Date): Order {
  return {
    id: 'o1',
    merchantId: 'm1',
    externalId: 'e1',
    orderNumber: '42',
    guest: {
      email: 'x@example.com',
      consent: { email: { granted: true }, sms: { granted: false } },
      preferences: defaultGuestPreferences,
    },
    destination: { city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
    items: [{ name: 'Mug', quantity: 2 }],
    createdAt: at,
    updatedAt: at,
  };
}
