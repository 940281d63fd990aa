import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { startTestApp } from '../../support/test-app';

interface Listed {
  id: string;
  channel: string;
  hint: string | null;
  reason: string;
  source: string | null;
  global: boolean;
  createdAt: string;
}

describe('suppressions API', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const merchants = { a: { id: '', key: '', keyId: '' }, b: { id: '', key: '', keyId: '' } };

  async function merchantWithKey(slug: string) {
    const merchant = await app.container.repositories.merchants.create(slug, {
      name: slug,
      branding: { displayName: slug, primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    const { apiKey, secret } = await app.container.repositories.apiKeys.issue(merchant.id);
    return { id: merchant.id, key: secret, keyId: apiKey.id };
  }
  const api = (method: 'get' | 'post', path: string, as = merchants.a.key) =>
    request(app.url)[method](`/api/v1${path}`).set('Authorization', `Bearer ${as}`);
  const list = async (query = '', as = merchants.a.key): Promise<Listed[]> => {
    const res = await api('get', `/suppressions?limit=200${query}`, as);
    expect(res.status).toBe(200);
    return res.body.suppressions as Listed[];
  };
  const idOf = async (hint: string) => (await list()).find((s) => s.hint === hint)?.id as string;

  beforeAll(async () => {
    app = await startTestApp({ env: { API_REQUESTS_PER_MINUTE: '1000' } });
    merchants.a = await merchantWithKey('supp-a');
    merchants.b = await merchantWithKey('supp-b');
    const { suppressions } = app.container.repositories;
    await suppressions.add({
      channel: 'email',
      address: 'Jane.Doe@Example.com',
      merchantId: merchants.a.id,
      reason: 'provider:550 <jane.doe@example.com> does not exist',
      source: 'sendgrid_bounce',
    });
    await suppressions.add({
      channel: 'sms',
      address: '+12025554567',
      merchantId: merchants.a.id,
      reason: 'stop',
      source: 'twilio_inbound',
    });
    await suppressions.add({
      channel: 'email',
      address: 'bee@example.org',
      merchantId: merchants.b.id,
      reason: 'unsubscribed',
    });
    await suppressions.add({
      channel: 'sms',
      address: '+447700900123',
      merchantId: '',
      reason: 'stop',
      source: 'twilio_inbound',
    });
  });
  afterAll(() => app.stop());

  it("when a merchant lists suppressions, then it sees its own and the global ones with hints, never another merchant's", async () => {
    const listed = await list();
    expect(listed.map((s) => [s.channel, s.hint, s.global]).sort()).toEqual(
      [
        ['email', 'j•••@example.com', false],
        ['sms', '+1•••••4567', false],
        ['sms', '+44•••••0123', true],
      ].sort(),
    );
    const bounce = listed.find((s) => s.channel === 'email');
    expect(bounce).toMatchObject({
      reason: 'provider:550 <[address]> does not exist',
      source: 'sendgrid_bounce',
    });
    expect((await list('', merchants.b.key)).map((s) => s.hint).sort()).toEqual(
      ['+44•••••0123', 'b•••@example.org'].sort(),
    );
  });

  it('when suppressions are listed, then no readable address appears in the answer', async () => {
    const text = (await api('get', '/suppressions')).text;
    expect(text).not.toMatch(/jane\.doe|2025554567|7700900123/i);
    expect(text).not.toMatch(/"address"/);
  });

  it('when a channel is asked for, then only that channel is listed', async () => {
    expect((await list('&channel=sms')).map((s) => s.channel)).toEqual(['sms', 'sms']);
    expect((await api('get', '/suppressions?channel=fax')).status).toBe(422);
  });

  it('when the list is read page by page, then every suppression comes once, newest first', async () => {
    const all = await list();
    const seen: Listed[] = [];
    let cursor: string | null = null;
    do {
      const res = await api('get', `/suppressions?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...(res.body.suppressions as Listed[]));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.map((s) => s.id)).toEqual(all.map((s) => s.id));
    const times = seen.map((s) => Date.parse(s.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });

  it('when the lift has no reason, then it is refused naming reason', async () => {
    const id = await idOf('j•••@example.com');
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const res = await api('post', `/suppressions/${id}/lift`).send(body);
      expect(res.status).toBe(422);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
    }
    expect(await idOf('j•••@example.com')).toBe(id);
  });

  it("when another merchant lifts a merchant's suppression, or the id is unknown, then it is a 404", async () => {
    const id = await idOf('j•••@example.com');
    const body = { reason: 'guest asked' };
    for (const [path, as] of [
      [`/suppressions/${id}/lift`, merchants.b.key],
      ['/suppressions/0123456789abcdef01234567/lift', merchants.a.key],
      ['/suppressions/not-an-id/lift', merchants.a.key],
    ] as const) {
      const res = await api('post', path, as).send(body);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await idOf('j•••@example.com')).toBe(id);
    const theirLog = (await api('get', '/audit-log', merchants.b.key)).body.entries;
    expect(theirLog).toEqual([]);
  });

  it('when a global suppression is lifted, then it is a 409 saying it applies to every merchant', async () => {
    const id = await idOf('+44•••••0123');
    const res = await api('post', `/suppressions/${id}/lift`).send({ reason: 'guest asked' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toMatch(/every merchant on the shared sender/);
    expect(await idOf('+44•••••0123')).toBe(id);
  });

  it('when a merchant lifts its own suppression, then it is gone, the address is sendable again and the audit log says who and why', async () => {
    const id = await idOf('j•••@example.com');
    const res = await api('post', `/suppressions/${id}/lift`).send({
      reason: 'Guest confirmed the address by phone',
    });
    expect(res.status).toBe(200);
    expect(res.body.lifted).toMatchObject({ id, channel: 'email', hint: 'j•••@example.com' });
    expect(JSON.stringify(res.body)).not.toMatch(/jane\.doe/i);
    expect(await idOf('j•••@example.com')).toBeUndefined();
    const { suppressions } = app.container.repositories;
    expect(await suppressions.find('email', 'jane.doe@example.com', merchants.a.id)).toBeNull();

    const [entry] = (await api('get', '/audit-log?limit=1')).body.entries;
    expect(entry).toMatchObject({
      actor: { kind: 'api_key', id: merchants.a.keyId },
      action: 'suppression.lift',
      target: id,
      reason: 'Guest confirmed the address by phone',
      before: { id, channel: 'email', hint: 'j•••@example.com', global: false },
      after: null,
    });
    expect(JSON.stringify(entry)).not.toMatch(/jane\.doe/i);

    const again = await api('post', `/suppressions/${id}/lift`).send({ reason: 'twice' });
    expect(again.status).toBe(404);
  });
});
