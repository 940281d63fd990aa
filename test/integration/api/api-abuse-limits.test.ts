import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { ManualClock } from '../../../src/shared/clock';
import { startTestApp } from '../../support/test-app';

/** A quarter hour boundary after the real time, so no window document is already past its TTL. */
const quarter = 15 * 60_000;
const windowStart = new Date(Math.ceil(Date.now() / quarter) * quarter + quarter);

describe('merchant API abuse limits', () => {
  const clock = new ManualClock(windowStart);
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;

  beforeAll(async () => {
    app = await startTestApp({
      env: { API_AUTH_FAILURE_LIMIT: '3', API_REQUESTS_PER_MINUTE: '2', TRUST_PROXY: '2' },
      overrides: { clock },
    });
    const merchant = await app.container.repositories.merchants.create('abuse', {
      name: 'abuse',
      branding: { displayName: 'abuse', primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    key = (await app.container.repositories.apiKeys.issue(merchant.id)).secret;
  });
  afterAll(() => app.stop());

  const get = (from: string, bearer: string) =>
    request(app.url)
      .get('/api/v1/preferences')
      .set('X-Forwarded-For', from)
      .set('Authorization', `Bearer ${bearer}`);

  it('when an address sends too many unknown keys, then it gets 429 until the window ends, without key lookups, and other addresses are unaffected', async () => {
    clock.set(new Date(windowStart.getTime() + 5 * 60_000 + 500));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await get('198.51.100.7', `pl_live_wrong${i}`)).status);
    expect(statuses).toEqual([401, 401, 401]);

    const lookups = jest.spyOn(app.container.repositories.apiKeys, 'findActiveByHash');
    const refused = await get('198.51.100.7', 'pl_live_wrong3');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    // The 15-minute window began at windowStart, so it ends 9 min 59.5 s from now.
    expect(refused.headers['retry-after']).toBe('600');
    expect((await get('198.51.100.7', key)).status).toBe(429);
    expect(lookups).not.toHaveBeenCalled();
    lookups.mockRestore();

    expect((await get('203.0.113.9', key)).status).toBe(200);
    expect((await get('203.0.113.9', 'pl_live_other')).status).toBe(401);

    clock.set(new Date(windowStart.getTime() + quarter));
    expect((await get('198.51.100.7', key)).status).toBe(200);
  });

  it('when a key exceeds its requests per minute, then Retry-After is the time left in the minute window', async () => {
    const minute = windowStart.getTime() + 20 * 60_000;
    clock.set(new Date(minute + 45_000));
    expect((await get('192.0.2.1', key)).status).toBe(200);
    expect((await get('192.0.2.1', key)).status).toBe(200);
    const limited = await get('192.0.2.1', key);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('15');

    clock.set(new Date(minute + 60_000));
    expect((await get('192.0.2.1', key)).status).toBe(200);
  });
});
