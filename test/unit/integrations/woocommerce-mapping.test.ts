import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Json } from '../../../src/integrations/payload-reading';
import { wooActions } from '../../../src/integrations/woocommerce/woocommerce-mapping';

const prefix = 'woocommerce:shop.example:';
const order = (): Json =>
  JSON.parse(
    readFileSync(path.resolve(__dirname, '../../fixtures/woocommerce/order-created.json'), 'utf8'),
  ) as Json;

describe('WooCommerce mapping', () => {
  it('when an order is created with Shipment Tracking meta, then the order and its parcel come out, email only', () => {
    expect(wooActions('order.created', order(), prefix)).toEqual([
      {
        kind: 'order',
        onlyIfNew: false,
        draft: {
          externalId: `${prefix}727`,
          orderNumber: '727',
          guest: { email: 'john.doe@example.com', name: 'John Doe' },
          destination: { city: 'San Francisco', region: 'CA', postalCode: '94103', country: 'US' },
          items: [
            { name: 'Woo Single #1', quantity: 2 },
            { name: 'Ship Your Idea &ndash; Color: Black, Size: M Test', quantity: 1 },
          ],
          updatedAt: '2017-03-22T19:28:08Z',
        },
      },
      {
        kind: 'ship',
        externalId: `${prefix}727`,
        parcels: [{ trackingNumber: '1Z12345E0205271688', carrierName: 'UPS', items: [] }],
      },
    ]);
  });

  it('when the store has no Shipment Tracking, then _tracking_number and _tracking_provider are read', () => {
    const fallback = {
      ...order(),
      meta_data: [
        { id: 1, key: '_tracking_number', value: 'SIM1HAPPY, SIM2HAPPY' },
        { id: 2, key: '_tracking_provider', value: 'fedex' },
      ],
    };
    const ship = wooActions('order.updated', fallback, prefix)[1];
    expect(ship).toEqual({
      kind: 'ship',
      externalId: `${prefix}727`,
      parcels: [
        { trackingNumber: 'SIM1HAPPY', carrierName: 'fedex', items: [] },
        { trackingNumber: 'SIM2HAPPY', carrierName: 'fedex', items: [] },
      ],
    });
  });

  it('when the order is cancelled or refunded, then nothing more is sent about it', () => {
    for (const status of ['cancelled', 'refunded'])
      expect(wooActions('order.updated', { ...order(), status }, prefix).at(-1)).toEqual({
        kind: 'cancel_order',
        externalId: `${prefix}727`,
      });
  });

  it('when a topic is not an order creation or update, then it is ignored', () => {
    expect(wooActions('product.updated', order(), prefix)).toEqual([
      { kind: 'ignore', reason: 'topic product.updated is not used' },
    ]);
  });
});
