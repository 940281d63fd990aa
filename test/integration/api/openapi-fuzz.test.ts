import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import request from 'supertest';
import { defaultMerchantPreferences } from '../../../src/merchants/merchant';
import { arbitraryOf, variationOf, type JsonSchema } from '../../support/json-schema-arbitrary';
import { startTestApp } from '../../support/test-app';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, { content?: { 'application/json': { schema: JsonSchema } } }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
}
interface FuzzRequest {
  auth: 'key' | 'none' | 'wrong';
  pathId: string;
  query: Array<[string, string]>;
  body: { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };
}

/** 25 operations x 16 runs: 400 requests, some 35 s alone and near 2 minutes under a loaded full run. */
const runsPerOperation = 16;

/**
 * Property-based fuzzing of the merchant API from its own OpenAPI document: requests are drawn
 * from each operation's parameter and body schemas (valid ones and near misses) and sent over
 * HTTP to the real app. Whatever is sent, the answer is never a 5xx, its status is one the
 * operation documents, and its JSON body matches the documented schema; a request the
 * document calls invalid is never accepted.
 */
describe('merchant API fuzzed against its OpenAPI document', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let doc: Doc;
  let key: string;
  const ids: string[] = [];
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    app = await startTestApp({
      env: { API_REQUESTS_PER_MINUTE: '100000', API_AUTH_FAILURE_LIMIT: '100000' },
    });
    const merchant = await app.container.repositories.merchants.create('fuzz', {
      name: 'fuzz',
      branding: { displayName: 'fuzz', primaryColor: '#123456' },
      senders: { email: {}, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    key = (await app.container.repositories.apiKeys.issue(merchant.id)).secret;
    doc = (await request(app.url).get('/api/v1/openapi.json')).body as Doc;
    // Real ids, so operations on existing orders and webhooks are reached too.
    for (const n of [1, 2, 3]) {
      const res = await send('post', '/orders', {
        auth: 'key',
        pathId: '',
        query: [],
        body: {
          kind: 'json',
          value: {
            externalId: `fuzz-${n}`,
            orderNumber: `F${n}`,
            guest: { email: `fuzz${n}@example.com` },
            shipments: [{ trackingNumber: `SIM${n}00HAPPY` }],
          },
        },
      });
      ids.push((res.body as { order: { id: string } }).order.id);
    }
    const hook = await send('post', '/webhooks', {
      auth: 'key',
      pathId: '',
      query: [],
      body: { kind: 'json', value: { url: 'https://hooks.example.com/fuzz' } },
    });
    ids.push((hook.body as { id: string }).id);
    // One suppression of its own (liftable) and a global one (409).
    const { suppressions } = app.container.repositories;
    for (const merchantId of [merchant.id, ''])
      await suppressions.add({
        channel: 'sms',
        address: '+12025550143',
        merchantId,
        reason: 'stop',
      });
    ids.push(...(await suppressions.list(merchant.id, { limit: 2 })).map((s) => s.id));
  });
  afterAll(() => app.stop());

  /** One request on a fresh connection (supertest), so no keep-alive race can reset it. */
  async function send(method: string, path: string, r: FuzzRequest) {
    const target = `/api/v1${path.replace('{id}', encodeURIComponent(r.pathId))}`;
    const verb = method as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = request(app.url)[verb](target).query(new URLSearchParams(r.query).toString());
    if (r.auth !== 'none')
      req = req.set('Authorization', `Bearer ${r.auth === 'key' ? key : 'pl_live_not-a-key'}`);
    if (r.body.kind === 'none') return req.timeout(10_000);
    const text = r.body.kind === 'raw' ? r.body.text : JSON.stringify(r.body.value);
    return req.set('Content-Type', 'application/json').timeout(10_000).send(text);
  }

  function requests(path: string, method: string, operation: Operation) {
    const params = operation.parameters ?? [];
    const query = fc
      .tuple(
        ...params
          .filter((p) => p.in === 'query')
          .map((p) =>
            fc
              .option(
                fc.oneof(
                  { arbitrary: arbitraryOf(p.schema).map(String), weight: 4 },
                  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
                ),
                { nil: undefined, freq: 3 },
              )
              .map((value) => [p.name, value] as const),
          ),
        fc.option(fc.constant(['unexpected', '1'] as const), { nil: undefined, freq: 5 }),
      )
      .map((pairs) =>
        pairs.filter((p): p is readonly [string, string] => !!p && p[1] !== undefined),
      );
    const schema = operation.requestBody?.content['application/json'].schema;
    const body: fc.Arbitrary<FuzzRequest['body']> = schema
      ? fc.oneof(
          {
            arbitrary: arbitraryOf(schema).map((value) => ({ kind: 'json' as const, value })),
            weight: 4,
          },
          {
            arbitrary: variationOf(schema).map((value) => ({ kind: 'json' as const, value })),
            weight: 4,
          },
          {
            arbitrary: fc
              .constantFrom('{"a":', '', 'null', '[]')
              .map((text) => ({ kind: 'raw' as const, text })),
            weight: 1,
          },
        )
      : fc.constant({ kind: 'none' as const });
    const pathId = path.includes('{id}')
      ? fc.oneof(
          // Never an API key's own id: revoking the fuzzer's key would end the run.
          fc.constantFrom(...ids),
          fc.stringMatching(/^[0-9a-f]{24}$/),
          fc.string({ minLength: 1, maxLength: 30 }),
        )
      : fc.constant('');
    return fc.record({
      auth: fc.constantFrom<FuzzRequest['auth']>(...Array(18).fill('key'), 'none', 'wrong'),
      pathId,
      query: query.map((q) => q.map(([n, v]) => [n, v] as [string, string])),
      body,
    });
  }

  /** Whether the document itself calls this request invalid (so it must not succeed). */
  function documentRefuses(operation: Operation, r: FuzzRequest): boolean {
    const params = operation.parameters ?? [];
    const schema = operation.requestBody?.content['application/json'].schema;
    if (schema && r.body.kind === 'raw') return true;
    if (schema && r.body.kind === 'json' && !ajv.validate(schema, r.body.value)) return true;
    const path = params.find((p) => p.in === 'path');
    if (path && !ajv.validate(path.schema, r.pathId)) return true;
    // OpenAPI says nothing of undeclared query parameters, so only declared ones are judged.
    return r.query.some(([name, value]) => {
      const param = params.find((p) => p.in === 'query' && p.name === name);
      if (!param) return false;
      const typed = param.schema.type === 'number' || param.schema.type === 'integer';
      return !ajv.validate(param.schema, typed && value.trim() !== '' ? Number(value) : value);
    });
  }

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, operation]) => ({ path, method, operation })),
    );

  it('when requests are drawn from the document, then every answer is documented, never a 5xx, and matches its schema', async () => {
    let sent = 0;
    for (const { path, method, operation } of operations()) {
      await fc.assert(
        fc.asyncProperty(requests(path, method, operation), async (r) => {
          const res = await send(method, path, r);
          sent += 1;
          const status = String(res.status);
          const where = `${method.toUpperCase()} ${path} answered ${status}`;
          expect({ where, serverError: res.status >= 500 }).toEqual({ where, serverError: false });
          expect({ where, documented: status in operation.responses }).toEqual({
            where,
            documented: true,
          });
          const text = res.text ?? '';
          const schema = operation.responses[status]?.content?.['application/json'].schema;
          if (schema) {
            expect(res.headers['content-type']).toMatch(/^application\/json/);
            const valid = ajv.validate(schema, JSON.parse(text));
            expect({ where, errors: valid ? [] : ajv.errors }).toEqual({ where, errors: [] });
          } else expect({ where, body: text }).toEqual({ where, body: '' });
          if (r.auth === 'key' && documentRefuses(operation, r))
            expect({ where, accepted: res.status < 300 }).toEqual({ where, accepted: false });
        }),
        { numRuns: runsPerOperation, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1e9) },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(operations().length * runsPerOperation);
  }, 180_000);
});
