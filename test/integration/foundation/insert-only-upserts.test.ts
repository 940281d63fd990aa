import fc from 'fast-check';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../support/test-app';

useTestDatabase();

/**
 * The local mongo-java-server builds the document of an upsert that only inserts (equalities on
 * top-level fields, `$setOnInsert` of top-level fields: the outbox's idempotent insert) itself
 * (tools/mongo-java-server/InsertOnlyUpsert.java) and hands every other upsert to the library.
 * The same upsert with its selector written as `{field: {$eq: value}}` is taken the library's
 * way, so each batch here runs both ways on twin collections with the same indexes: the answers
 * (matched, upserted positions, errors) and the documents (field order too) must agree. On real
 * MongoDB (MONGODB_URI) both ways are MongoDB's own.
 */
const values = fc.oneof(
  fc.constantFrom('x', 'y', ''),
  fc.constantFrom(1, 2, 2.5),
  fc.constant(null),
  fc.constantFrom(true, false),
  fc.constant(new Date('2026-11-30T00:00:00Z')),
  fc.record({ d: fc.constantFrom('x', 1) }),
  fc.array(fc.constantFrom('x', 1), { maxLength: 2 }),
);
const keys = fc.constantFrom('k1', 'k2', 'k3', 'k4');
const inserted = fc.record(
  {
    a: values,
    u: fc.constantFrom('u1', 'u2'),
    k: keys,
    n: values,
    nested: fc.record({ at: values, list: fc.array(values, { maxLength: 2 }) }),
  },
  { requiredKeys: ['a'] },
);
const upsert = fc.record({
  selector: fc.record({ k: keys, g: fc.constantFrom('g1', 'g2') }, { requiredKeys: ['k'] }),
  insert: inserted,
});

interface Probe {
  _id: unknown;
  [field: string]: unknown;
}

type Upsert = { selector: Record<string, unknown>; insert: Record<string, unknown> };

/** What a bulk of upserts answered, as a caller sees it. */
async function answer(
  collection: mongoose.mongo.Collection<Probe>,
  upserts: Upsert[],
  eq: boolean,
) {
  const operations = upserts.map(({ selector, insert }) => ({
    updateOne: {
      filter: eq
        ? Object.fromEntries(Object.entries(selector).map(([k, v]) => [k, { $eq: v }]))
        : selector,
      update: { $setOnInsert: insert },
      upsert: true,
    },
  }));
  try {
    const result = await collection.bulkWrite(operations, { ordered: false });
    return {
      matched: result.matchedCount,
      modified: result.modifiedCount,
      upserted: Object.keys(result.upsertedIds).map(Number),
    };
  } catch (error) {
    const bulk = error as mongoose.mongo.MongoBulkWriteError;
    return {
      matched: bulk.result?.matchedCount,
      upserted: Object.keys(bulk.result?.upsertedIds ?? {}).map(Number),
      errors: (bulk.writeErrors as mongoose.mongo.WriteError[] | undefined)?.map?.((e) => [
        e.index,
        e.code,
      ]) ?? [[-1, (error as { code?: number }).code]],
    };
  }
}

/** Documents with generated ids replaced by their type, in insertion order. */
async function stored(collection: mongoose.mongo.Collection<Probe>) {
  const docs = await collection.find().toArray();
  return docs.map((d) => ({
    ...d,
    _id: (d._id as object) instanceof mongoose.mongo.ObjectId ? 'ObjectId' : d._id,
    keys: Object.keys(d),
  }));
}

describe('insert-only upserts on the local database', () => {
  it('when upserts only insert, then the answers and documents are the library’s', async () => {
    const db = mongoose.connection.db!;
    let round = 0;
    const seen = { upserted: 0, matched: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ k: keys, g: fc.constantFrom('g1', 'g2') }), { maxLength: 3 }),
        fc.array(upsert, { minLength: 1, maxLength: 8 }),
        async (existing, upserts) => {
          round++;
          const fast = db.collection<Probe>(`insert_only_${round}`);
          const library = db.collection<Probe>(`upsert_library_${round}`);
          for (const collection of [fast, library]) {
            await collection.createIndex({ k: 1, g: 1 });
            await collection.createIndex({ a: 1 });
            await collection.createIndex({ u: 1 }, { unique: true, sparse: true });
            if (existing.length)
              await collection.insertMany(existing.map((e, i) => ({ _id: i, ...e })));
          }
          const left = await answer(fast, upserts, false);
          const right = await answer(library, upserts, true);
          expect({ upserts, left }).toEqual({ upserts, left: right });
          expect(await stored(fast)).toEqual(await stored(library));
          const ids = async (c: typeof fast, q: Record<string, unknown>) =>
            (await c.find(q).sort({ k: 1, g: 1 }).toArray()).map((d) => [d.k, d.g]);
          for (const q of [{ a: 'x' }, { u: 'u1' }, { k: 'k1' }, { k: 'k2', g: 'g1' }])
            expect({ q, ids: await ids(fast, q) }).toEqual({ q, ids: await ids(library, q) });
          seen.upserted += left.upserted.length;
          seen.matched += left.matched ?? 0;
          if ('errors' in left) seen.failed++;
          await fast.drop();
          await library.drop();
        },
      ),
      { numRuns: 80 },
    );
    // Meaningful only if batches insert, find matches, and meet unique-key refusals.
    expect(seen.upserted).toBeGreaterThan(80);
    expect(seen.matched).toBeGreaterThan(20);
    expect(seen.failed).toBeGreaterThan(3);
  }, 60_000);
});
