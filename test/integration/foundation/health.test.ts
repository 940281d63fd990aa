import request from 'supertest';
import mongoose from 'mongoose';
import { startTestApp } from '../../support/test-app';

describe('health and readiness', () => {
  it('when the database is reachable, then /healthz and /readyz answer 200; when it is gone, /readyz answers 503', async () => {
    const app = await startTestApp();
    try {
      const health = await request(app.url).get('/healthz');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok' });
      expect(health.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

      const ready = await request(app.url).get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.checks.database).toBe(true);

      await mongoose.disconnect();
      const gone = await request(app.url).get('/readyz');
      expect(gone.status).toBe(503);
      expect(gone.body).toEqual({ status: 'unavailable', checks: { database: false } });
      expect((await request(app.url).get('/healthz')).status).toBe(200);
    } finally {
      await app.shutdown();
    }
  });

  it('when a request carries a well-formed X-Request-Id, then the response echoes it; unknown paths get a JSON 404', async () => {
    const app = await startTestApp();
    try {
      const res = await request(app.url).get('/nope').set('X-Request-Id', 'abc-123');
      expect(res.status).toBe(404);
      expect(res.headers['x-request-id']).toBe('abc-123');
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'Not found.', fields: [] } });
    } finally {
      await app.stop();
    }
  });
});
