import nock from 'nock';
import { OAuthClient, oauthClientFor } from '../../../src/tracking/carriers/http/oauth-client';
import type { HttpAnswer } from '../../../src/tracking/carriers/http/get-json';

const base = 'https://auth.carrier.test';
const ok: HttpAnswer = { kind: 'ok', status: 200, body: {} };

describe('carrier OAuth client credentials', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('when a token is still fresh, then it is reused; a minute before it expires, a new one is fetched', async () => {
    let clock = 0;
    const client = new OAuthClient(
      { tokenUrl: `${base}/token`, clientId: 'id', clientSecret: 'secret' },
      () => clock,
    );
    nock(base).post('/token').reply(200, { access_token: 'first', expires_in: 600 });
    nock(base).post('/token').reply(200, { access_token: 'second', expires_in: '600' });
    const used: string[] = [];
    const call = () => client.withToken(async (token) => (used.push(token), ok));
    await call();
    clock = 539_000; // 9 min. in: still inside the lifetime less a minute
    await call();
    clock = 541_000;
    await call();
    expect(used).toEqual(['first', 'first', 'second']);
  });

  it('when several requests need a token at once, then one token request serves them all', async () => {
    const scope = nock(base)
      .post('/token')
      .delay(50)
      .reply(200, { access_token: 'shared', expires_in: 3600 });
    const client = new OAuthClient({
      tokenUrl: `${base}/token`,
      clientId: 'id',
      clientSecret: 's',
    });
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () =>
        client.withToken(async (token) => ({ kind: 'ok', status: 200, body: token })),
      ),
    );
    expect(scope.isDone()).toBe(true);
    expect(tokens.map((t) => (t.kind === 'ok' ? t.body : null))).toEqual(Array(5).fill('shared'));
  });

  it.each([
    ['basic', 'application/x-www-form-urlencoded', 'grant_type=client_credentials', true],
    [
      'form',
      'application/x-www-form-urlencoded',
      'grant_type=client_credentials&client_id=id&client_secret=s%26cret',
      false,
    ],
    [
      'json',
      'application/json',
      '{"client_id":"id","client_secret":"s&cret","grant_type":"client_credentials"}',
      false,
    ],
  ] as const)(
    'when credentials go by %s, then the token request carries them that way',
    async (sendCredentials, contentType, body, basicHeader) => {
      let seen: { headers: Record<string, string | string[] | undefined>; body: string } | null =
        null;
      nock(base)
        .post('/token')
        .reply(function (_uri, requestBody) {
          seen = {
            headers: this.req.headers,
            body: typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody),
          };
          return [200, { access_token: 't', expires_in: 3600 }];
        });
      const client = new OAuthClient({
        tokenUrl: `${base}/token`,
        clientId: 'id',
        clientSecret: 's&cret',
        sendCredentials,
      });
      await client.withToken(async () => ok);
      expect(seen!.headers['content-type']).toBe(contentType);
      expect(seen!.body).toBe(body);
      expect(seen!.headers.authorization).toBe(
        basicHeader ? `Basic ${Buffer.from('id:s&cret').toString('base64')}` : undefined,
      );
    },
  );

  it('when the token endpoint answers without a token, then the outcome is an auth error naming the status', async () => {
    nock(base).post('/token').reply(200, { error: 'nope' });
    const client = new OAuthClient({
      tokenUrl: `${base}/token`,
      clientId: 'id',
      clientSecret: 's',
    });
    expect(await client.withToken(async () => ok)).toMatchObject({
      kind: 'error',
      error: { kind: 'auth', message: expect.stringMatching(/HTTP 200/) },
    });
  });

  it('when either credential is missing, then there is no client', () => {
    expect(oauthClientFor(undefined, 's', { tokenUrl: base })).toBeNull();
    expect(oauthClientFor('id', '', { tokenUrl: base })).toBeNull();
    expect(oauthClientFor('id', 's', { tokenUrl: base })).toBeInstanceOf(OAuthClient);
  });
});
