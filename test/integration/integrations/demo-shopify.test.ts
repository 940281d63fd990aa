import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { OrderModel } from '../../../src/db/models';
import { demoShopDomain } from '../../../src/demo/demo-shop';
import { startTestApp, testDatabaseUri } from '../../support/test-app';

const root = path.resolve(__dirname, '../../..');
// Not spawnSync: the demo server answering the script runs in this very process.
const run = promisify(execFile);

describe('the demo Shopify shop', () => {
  it('when `npm run demo:shopify` targets the running demo, then a signed order and fulfilment arrive and become an order with a tracked shipment', async () => {
    const app = await startTestApp({ env: { DEMO: 'on' } });
    try {
      const listed = await app.container.repositories.storeConnections.findShop(demoShopDomain);
      expect(listed?.platform).toBe('shopify');
      // The script runs as its own process, with the same configuration as the demo.
      const sent = await run(
        path.join(root, 'node_modules/.bin/tsx'),
        [path.join(root, 'src/cli/demo-shopify.cli.ts'), '--url', app.url],
        {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', MONGODB_URI: testDatabaseUri() },
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      expect(sent.stderr).toBe('');
      expect(sent.stdout).toContain('orders/create: HTTP 200');
      expect(sent.stdout).toContain('fulfillments/create: HTTP 200');
      expect(await app.container.stores.processor.processDue()).toMatchObject({ processed: 2 });
      const order = await OrderModel.findOne({
        externalId: new RegExp(`^shopify:${demoShopDomain}:`),
      }).lean();
      expect(order?.guest?.email).toBe('ada@example.com');
      const shipments = await app.container.repositories.shipments.findByOrder(
        order!._id.toHexString(),
      );
      expect(shipments.map((s) => s.carrier)).toEqual(['simulated']);
    } finally {
      await app.stop();
    }
  });
});
