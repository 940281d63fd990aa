import request from 'supertest';
import { MerchantModel, OrderModel, ShipmentModel, StatusTokenModel } from '../../../src/db/models';
import { seedDemo } from '../../../src/demo/seed-demo';
import { claimDue } from '../../../src/db/lease';
import { connectDatabase, disconnectDatabase } from '../../../src/db/connection';
import { demoOrders } from '../../../src/demo/demo-data';
import { startTestApp } from '../../support/test-app';

describe('demo mode', () => {
  it('when the demo seed runs twice, then nothing is duplicated and the same links come back', async () => {
    const app = await startTestApp({ env: { DEMO: 'on' } });
    try {
      expect(app.demoOrders).toHaveLength(demoOrders.length);
      const again = await seedDemo(app.container);
      expect(again).toEqual(app.demoOrders);
      expect(await MerchantModel.countDocuments()).toBe(1);
      expect(await OrderModel.countDocuments()).toBe(demoOrders.length);
      expect(await ShipmentModel.countDocuments()).toBe(
        demoOrders.flatMap((o) => o.shipments).length,
      );
      expect(await StatusTokenModel.countDocuments()).toBe(demoOrders.length);
      for (const order of app.demoOrders)
        expect(order.statusUrl).toMatch(/^http:\/\/localhost:0\/t\/[A-Za-z0-9_-]{22}$/);
    } finally {
      await app.stop();
    }
  });

  it('when demo mode is on, then /dev/outbox is served; when it is off, it is not mounted', async () => {
    const demo = await startTestApp({ env: { DEMO: 'on' } });
    try {
      const res = await request(demo.url).get('/dev/outbox');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Dev outbox');
    } finally {
      await demo.stop();
    }
    const plain = await startTestApp();
    try {
      expect((await request(plain.url).get('/dev/outbox')).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('when the process shuts down, then it releases its own leases and leaves other workers\u2019 leases alone', async () => {
    const app = await startTestApp({ env: { DEMO: 'on' } });
    const now = app.container.clock.now();
    const mine = await claimDue(ShipmentModel, {
      owner: app.container.processId,
      now,
      leaseMs: 60_000,
      limit: 2,
      due: {},
      sort: { _id: 1 },
    });
    const theirs = await claimDue(ShipmentModel, {
      owner: 'other-worker',
      now,
      leaseMs: 60_000,
      limit: 1,
      due: {},
      sort: { _id: 1 },
    });
    expect(mine).toHaveLength(2);
    expect(theirs).toHaveLength(1);
    const ids = [...mine, ...theirs].map((c) => c.id);

    await app.shutdown();
    // The app closed its connection; read the result on a fresh one.
    await connectDatabase(app.database.uri, (ShipmentModel.db.name as string) || undefined);
    try {
      const after = await ShipmentModel.find({ _id: { $in: ids } }).lean();
      const leased = after.filter((s) => s.lease).map((s) => s.lease?.owner);
      expect(leased).toEqual(['other-worker']);
    } finally {
      await ShipmentModel.db.dropDatabase();
      await disconnectDatabase();
    }
  });
});
