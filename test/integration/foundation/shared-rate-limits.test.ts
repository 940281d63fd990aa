import express from 'express';
import { rateLimit } from 'express-rate-limit';
import request from 'supertest';
import { RateWindowRepository } from '../../../src/db/repositories/rate-window.repository';
import { MongoRateLimitStore } from '../../../src/shared/rate-limit-store';
import { useTestDatabase } from '../../support/test-app';

/** One web instance: its own express app and limiter, counting in the shared database. */
function instance(limit: number, skipSuccessfulRequests = false) {
  const app = express();
  // One proxy hop (the X-Forwarded-For the tests send), as TRUST_PROXY=1 would configure it.
  app.set('trust proxy', 1);
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit,
      skipSuccessfulRequests,
      store: new MongoRateLimitStore(new RateWindowRepository(), 'test-limit'),
      standardHeaders: 'draft-8',
      legacyHeaders: false,
    }),
  );
  app.get('/ok', (_req, res) => void res.send('ok'));
  app.get('/miss', (_req, res) => void res.status(404).send('miss'));
  return app;
}

describe('rate limits shared by every web instance', () => {
  useTestDatabase();

  it('when one client spreads requests over two instances, then together they count against one limit', async () => {
    const a = instance(3);
    const b = instance(3);
    const from = (app: express.Express) =>
      request(app).get('/ok').set('X-Forwarded-For', '203.0.113.7');
    expect((await from(a)).status).toBe(200);
    expect((await from(b)).status).toBe(200);
    expect((await from(a)).status).toBe(200);
    const refused = await from(b);
    expect(refused.status).toBe(429);
    // Another client is counted on its own.
    expect((await request(a).get('/ok').set('X-Forwarded-For', '198.51.100.9')).status).toBe(200);
  });

  it('when only failures count, then successes are taken back from the shared window', async () => {
    const a = instance(2, true);
    const b = instance(2, true);
    const client = '203.0.113.99';
    for (let i = 0; i < 5; i++)
      expect((await request(a).get('/ok').set('X-Forwarded-For', client)).status).toBe(200);
    expect((await request(a).get('/miss').set('X-Forwarded-For', client)).status).toBe(404);
    expect((await request(b).get('/miss').set('X-Forwarded-For', client)).status).toBe(404);
    expect((await request(b).get('/miss').set('X-Forwarded-For', client)).status).toBe(429);
  });

  it('when many first hits race, then none is lost', async () => {
    const windows = new RateWindowRepository();
    const now = new Date();
    await Promise.all(Array.from({ length: 20 }, () => windows.hit('race', 60_000, now)));
    // Every increment landed (real MongoDB also returns distinct counts; the local
    // mongo-java-server may hand two racers the same post-image, never a lost hit).
    expect((await windows.hit('race', 60_000, now)).count).toBe(21);
  });
});
