import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseStorePayload, type Json } from '../../../src/integrations/payload-reading';
import { shopifyActions } from '../../../src/integrations/shopify/shopify-mapping';
import { carrierCodeForName } from '../../../src/integrations/carrier-names';

const prefix = 'shopify:juniper.myshopify.com:';
const load = (name: string) =>
  parseStorePayload(
    readFileSync(path.resolve(__dirname, '../../fixtures/shopify', name), 'utf8'),
  ) as Json;

describe('Shopify mapping', () => {
  it('when an order is created, then the order keeps the exact 18-digit id, number, guest, locale, destination and items, without a phone', () => {
    const [order, ...rest] = shopifyActions('orders/create', load('orders-create.json'), prefix);
    expect(rest).toEqual([]);
    expect(order).toEqual({
      kind: 'order',
      onlyIfNew: false,
      draft: {
        externalId: `${prefix}820982911946154508`,
        orderNumber: '#9999',
        guest: { email: 'jon@example.com', name: 'John Smith', locale: 'en' },
        destination: { city: 'Shippington', region: 'KY', postalCode: '40003', country: 'US' },
        items: [
          { name: 'Aviator sunglasses', quantity: 1 },
          { name: 'Mid-century lounger', quantity: 1 },
        ],
        updatedAt: '2021-12-31T19:00:00-05:00',
      },
    });
  });

  it('when a fulfilment is created, then the order can start from it and each tracking number is a parcel with the fulfilment’s items and carrier name', () => {
    const actions = shopifyActions('fulfillments/create', load('fulfillments-create.json'), prefix);
    expect(actions.map((a) => a.kind)).toEqual(['order', 'ship']);
    expect(actions[0]).toMatchObject({ onlyIfNew: true, draft: { orderNumber: '#9999' } });
    expect(actions[1]).toEqual({
      kind: 'ship',
      externalId: `${prefix}820982911946154508`,
      parcels: [
        {
          trackingNumber: '1Z2345',
          carrierName: 'UPS',
          items: [{ name: 'Aviator sunglasses', quantity: 1 }],
        },
      ],
    });
  });

  it('when a fulfilment is cancelled, then only its parcels stop', () => {
    const cancelled = { ...load('fulfillments-create.json'), status: 'cancelled' };
    expect(shopifyActions('fulfillments/update', cancelled, prefix)).toEqual([
      {
        kind: 'stop_parcels',
        externalId: `${prefix}820982911946154508`,
        trackingNumbers: ['1Z2345'],
      },
    ]);
  });

  it('when an order payload carries fulfilments and a cancellation, then they are applied too', () => {
    const order = {
      ...load('orders-create.json'),
      cancelled_at: '2026-03-02T10:00:00-05:00',
      fulfillments: [load('fulfillments-create.json')],
    };
    expect(shopifyActions('orders/updated', order, prefix).map((a) => a.kind)).toEqual([
      'order',
      'ship',
      'cancel_order',
    ]);
  });

  it('when the privacy topics arrive, then they name the guest’s orders by our ids', () => {
    expect(shopifyActions('customers/redact', load('customers-redact.json'), prefix)).toEqual([
      {
        kind: 'erase_guest',
        externalIds: [`${prefix}299938`, `${prefix}280263`, `${prefix}220458`],
        email: 'john@example.com',
        customerId: '191167',
      },
    ]);
    expect(shopifyActions('shop/redact', load('shop-redact.json'), prefix)).toEqual([
      { kind: 'erase_store' },
    ]);
    expect(
      shopifyActions('customers/data_request', load('customers-data-request.json'), prefix)[0],
    ).toMatchObject({
      kind: 'data_request',
      requestId: '9999',
      customer: { externalId: '191167', email: 'john@example.com', phone: '555-625-1199' },
    });
  });

  it('when a topic is not used or a body lacks ids, then the event is ignored with a reason', () => {
    expect(shopifyActions('products/update', {}, prefix)).toEqual([
      { kind: 'ignore', reason: 'topic products/update is not used' },
    ]);
    expect(shopifyActions('orders/create', { name: '#1' }, prefix)[0]?.kind).toBe('ignore');
    expect(shopifyActions('fulfillments/create', { order_id: 1 }, prefix)).toEqual([
      { kind: 'ignore', reason: 'fulfilment without tracking number' },
    ]);
  });

  it.each([
    ['UPS', 'ups'],
    ['FedEx', 'fedex'],
    ['USPS', 'usps'],
    ['DHL Express', 'dhl'],
    ['dhl-us', 'dhl'],
    ['Canada Post', undefined],
    [undefined, undefined],
  ])('when the carrier is named %s, then its code is %s', (name, code) => {
    expect(carrierCodeForName(name)).toBe(code);
  });
});
