import mongoose from 'mongoose';
import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { startTestApp } from '../../support/test-app';

interface Entry {
  id: string;
  actor: { kind: string; id: string; label: string };
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  changed: string[];
  reason: string | null;
  at: string;
}
interface Key {
  id: string;
  prefix: string;
  secret: string;
}

describe('audit log of the merchant API', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: Key;
  let otherKey: Key;

  async function merchantWithKey(slug: string): Promise<Key> {
    const merchant = await app.container.repositories.merchants.create(slug, {
      name: slug,
      branding: { displayName: slug, primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    const { apiKey, secret } = await app.container.repositories.apiKeys.issue(merchant.id);
    return { id: apiKey.id, prefix: apiKey.prefix, secret };
  }
  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, as = key) =>
    request(app.url)[method](`/api/v1${path}`).set('Authorization', `Bearer ${as.secret}`);
  /** The newest entry, which must be the one the last request wrote. */
  const newest = async (as = key): Promise<Entry> => {
    const res = await api('get', '/audit-log?limit=1', as);
    expect(res.status).toBe(200);
    return res.body.entries[0] as Entry;
  };
  const count = async (as = key) =>
    ((await api('get', '/audit-log?limit=200', as)).body.entries as Entry[]).length;

  beforeAll(async () => {
    app = await startTestApp({ env: { API_REQUESTS_PER_MINUTE: '1000' } });
    key = await merchantWithKey('audit-a');
    otherKey = await merchantWithKey('audit-b');
  });
  afterAll(() => app.stop());

  it('when settings are patched, then the entry names the key and holds the settings before and after', async () => {
    const res = await api('patch', '/preferences').send({
      preferences: { timezone: 'Europe/Paris' },
    });
    expect(res.status).toBe(200);
    const entry = await newest();
    expect(entry).toMatchObject({
      actor: { kind: 'api_key', id: key.id, label: key.prefix },
      action: 'settings.update',
      target: 'preferences',
      before: { preferences: { timezone: 'UTC' }, branding: { displayName: 'audit-a' } },
      after: { preferences: { timezone: 'Europe/Paris' }, branding: { displayName: 'audit-a' } },
      changed: ['preferences.timezone'],
      reason: null,
    });
    expect(Date.parse(entry.at)).not.toBeNaN();
  });

  it('when settings are put, then the entry lists what changed; putting them again unchanged adds none', async () => {
    const current = (await api('get', '/preferences')).body;
    const changed = { ...current, branding: { ...current.branding, primaryColor: '#abcdef' } };
    expect((await api('put', '/preferences').send(changed)).status).toBe(200);
    expect(await newest()).toMatchObject({
      action: 'settings.update',
      changed: ['branding.primaryColor'],
    });
    const before = await count();
    expect((await api('put', '/preferences').send(changed)).status).toBe(200);
    expect(await count()).toBe(before);
  });

  it('when a webhook is added and removed, then both are recorded without its secret', async () => {
    const created = await api('post', '/webhooks').send({
      url: 'https://hooks.example.com/audit',
      milestones: ['delivered'],
    });
    expect(created.status).toBe(201);
    expect(await newest()).toMatchObject({
      action: 'webhook.create',
      target: created.body.id,
      before: null,
      after: { url: 'https://hooks.example.com/audit', milestones: ['delivered'] },
    });
    expect((await api('delete', `/webhooks/${created.body.id}`)).status).toBe(204);
    expect(await newest()).toMatchObject({
      action: 'webhook.delete',
      target: created.body.id,
      before: { url: 'https://hooks.example.com/audit', milestones: ['delivered'] },
      after: null,
    });
    const log = JSON.stringify((await api('get', '/audit-log?limit=200')).body);
    expect(log).not.toContain(created.body.secret);
  });

  it('when an API key is created and revoked, then both are recorded by prefix only', async () => {
    const created = await api('post', '/api-keys');
    expect(created.status).toBe(201);
    expect(await newest()).toMatchObject({
      actor: { id: key.id, label: key.prefix },
      action: 'api_key.create',
      target: created.body.id,
      after: { prefix: created.body.prefix },
    });
    expect((await api('delete', `/api-keys/${created.body.id}`)).status).toBe(204);
    expect(await newest()).toMatchObject({
      action: 'api_key.revoke',
      target: created.body.id,
      before: { prefix: created.body.prefix },
    });
    const stored = JSON.stringify(
      await mongoose.connection.db!.collection('auditentries').find().toArray(),
    );
    expect(stored).not.toContain(created.body.key);
    expect(stored).not.toMatch(/"hash"/);
  });

  it('when a store is connected, reconnected and removed, then each is recorded without the store secret', async () => {
    const secret = 'shpss_audit0123456789abcdef0123456789';
    const input = { platform: 'shopify', shopDomain: 'audit.myshopify.com', webhookSecret: secret };
    const created = await api('post', '/integrations').send(input);
    expect(created.status).toBe(201);
    const store = { platform: 'shopify', shopDomain: 'audit.myshopify.com' };
    expect(await newest()).toMatchObject({
      action: 'integration.connect',
      target: created.body.id,
      before: null,
      after: store,
    });
    expect((await api('post', '/integrations').send(input)).status).toBe(200);
    expect(await newest()).toMatchObject({
      action: 'integration.connect',
      before: store,
      after: { ...store, secretReplaced: true },
      changed: ['secretReplaced'],
    });
    expect((await api('delete', `/integrations/${created.body.id}`)).status).toBe(204);
    expect(await newest()).toMatchObject({
      action: 'integration.remove',
      target: created.body.id,
      before: store,
    });
    const stored = JSON.stringify(
      await mongoose.connection.db!.collection('auditentries').find().toArray(),
    );
    expect(stored).not.toContain(secret);
    expect(stored).not.toMatch(/sealedSecret|webhookSecret/);
  });

  it('when a change is refused, then nothing is recorded', async () => {
    const before = await count();
    expect((await api('delete', '/webhooks/0123456789abcdef01234567')).status).toBe(404);
    expect((await api('delete', '/api-keys/0123456789abcdef01234567')).status).toBe(404);
    expect(
      (await api('patch', '/preferences').send({ preferences: { timezone: 'Nope' } })).status,
    ).toBe(422);
    expect(await count()).toBe(before);
  });

  it("when another merchant's key reads the audit log, then it sees only its own entries", async () => {
    expect(await count(otherKey)).toBe(0);
    expect(
      (await api('patch', '/preferences', otherKey).send({ preferences: { timezone: 'UTC' } }))
        .status,
    ).toBe(200);
    expect(await count(otherKey)).toBe(0);
    await api('patch', '/preferences', otherKey).send({ preferences: { timezone: 'Asia/Tokyo' } });
    const theirs = (await api('get', '/audit-log', otherKey)).body.entries as Entry[];
    expect(theirs.map((e) => e.actor.id)).toEqual([otherKey.id]);
    const mine = (await api('get', '/audit-log?limit=200')).body.entries as Entry[];
    expect(mine.some((e) => e.actor.id === otherKey.id)).toBe(false);
  });

  it('when the log is read page by page, then every entry comes once, newest first', async () => {
    const all = (await api('get', '/audit-log?limit=200')).body.entries as Entry[];
    expect(all.length).toBeGreaterThan(4);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await api('get', `/audit-log?limit=2${query}`);
      expect(res.status).toBe(200);
      seen.push(...(res.body.entries as Entry[]));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    const times = seen.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('when the cursor is not one the API gave, then the answer is 422 naming cursor', async () => {
    const res = await api('get', '/audit-log?cursor=bm90LWEtY3Vyc29y');
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([{ field: 'cursor', message: expect.any(String) }]);
  });
});
