import request from 'supertest';
import { LaneStatsModel } from '../../../src/db/models';
import { seedDemo } from '../../../src/demo/seed-demo';
import { guestPageText } from '../../../src/i18n/guest-page-text';
import { startTestApp } from '../../support/test-app';

describe('demo estimates', () => {
  it("when the demo starts, then the parcel whose carrier gives no date shows Porchlight's estimate, from lanes seeded once", async () => {
    const app = await startTestApp({ env: { DEMO: 'on' } });
    try {
      const lanes = await LaneStatsModel.countDocuments();
      expect(lanes).toBeGreaterThan(0);
      await seedDemo(app.container);
      expect(await LaneStatsModel.countDocuments()).toBe(lanes);

      await app.container.tracking.poll.pollDue();
      const quiet = app.demoOrders.find((o) => o.orderNumber === '1005')!;
      const page = await request(quiet.statusUrl.replace(/^http:\/\/localhost:\d+/, app.url)).get(
        '',
      );
      expect(page.status).toBe(200);
      expect(page.text).toContain(guestPageText.en.ourEstimate.replace(/'/g, '&#39;'));
      expect(page.text).toContain(guestPageText.en.estimatedDelivery);
    } finally {
      await app.stop();
    }
  });
});
