import fc from 'fast-check';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../support/test-app';

useTestDatabase();

/**
 * The local mongo-java-server answers queries from the secondary indexes the models declare
 * (tools/mongo-java-server/EqualityIndex.java). An index may only make a query faster, never
 * change its answer: every query here runs against an indexed collection and an unindexed twin
 * holding the same documents, through inserts, updates that move keys or leave them, and deletes.
 * On real MongoDB (MONGODB_URI) the same comparison holds trivially.
 */
const values = fc.oneof(
  fc.constantFrom('x', 'y', 'z', ''),
  fc.constantFrom(1, 2, 2.0, 3),
  fc.constant(null),
  fc.constantFrom(true, false),
  fc.constantFrom(
    new mongoose.Types.ObjectId('64b000000000000000000001'),
    new mongoose.Types.ObjectId('64b000000000000000000101'),
  ),
  fc.constant(new Date('2026-11-30T00:00:00Z')),
);
const field = fc.oneof(
  values,
  fc.array(values, { maxLength: 3 }),
  fc.constant(undefined), // missing
);
// Arrays only where no compound index would hold two of them (MongoDB refuses parallel arrays).
const scalarField = fc.oneof(values, fc.constant(undefined));
const doc = fc.record({
  a: field,
  b: scalarField,
  c: fc.oneof(
    fc.record({ d: field }),
    fc.array(fc.record({ d: scalarField }), { maxLength: 2 }),
    fc.constant(null),
  ),
  f: fc.constantFrom(0, 1, 2),
});
const scalar = fc.constantFrom<unknown>(
  'x',
  'y',
  '',
  1,
  2,
  3,
  true,
  new mongoose.Types.ObjectId('64b000000000000000000001'),
  new mongoose.Types.ObjectId('64b000000000000000000101'),
  new Date('2026-11-30T00:00:00Z'),
);
const condition = fc.oneof(
  scalar,
  fc.record({ $in: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
  fc.record({ $eq: scalar }),
  fc.record({ $ne: scalar }),
  fc.constant(null),
);
const conditions = {
  a: condition,
  b: condition,
  'c.d': condition,
  f: fc.constantFrom(0, 1, 2),
  _id: fc.nat({ max: 12 }),
  u: fc.oneof(
    fc.constantFrom('u1', 'u3', 'u7'),
    fc.record({ $in: fc.array(fc.constantFrom('u0', 'u2', 'u9'), { minLength: 1 }) }),
  ),
};
// One or two conditions: more would leave almost every answer empty, and an empty answer
// cannot show a document the index lost.
const query = fc
  .uniqueArray(fc.constantFrom(...(Object.keys(conditions) as Array<keyof typeof conditions>)), {
    minLength: 1,
    maxLength: 2,
  })
  .chain((keys) =>
    fc.record(
      Object.fromEntries(keys.map((key) => [key, conditions[key]])) as Record<
        string,
        fc.Arbitrary<unknown>
      >,
    ),
  );

/** Documents keyed by small numbers, so updates and deletes can name them. */
interface Probe {
  _id: number;
  [field: string]: unknown;
}

function strip(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([, v]) => v !== undefined));
}

describe('secondary indexes on the local database', () => {
  it('when documents are inserted, updated and deleted, then indexed queries answer exactly as scans do', async () => {
    const db = mongoose.connection.db!;
    let round = 0;
    const answers = { all: 0, nonEmpty: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat({ max: 12 }), doc), { maxLength: 6 }),
        fc.array(fc.nat({ max: 12 }), { maxLength: 3 }),
        fc.array(query, { minLength: 1, maxLength: 8 }),
        async (docs, updates, deletes, queries) => {
          round++;
          const indexed = db.collection<Probe>(`indexed_${round}`);
          const plain = db.collection<Probe>(`plain_${round}`);
          await indexed.createIndex({ a: 1 });
          await indexed.createIndex({ a: 1, b: -1 });
          await indexed.createIndex({ 'c.d': 1, f: 1 });
          await indexed.createIndex({ b: 1 }, { sparse: true });
          await indexed.createIndex({ _id: 1, f: 1 }, { unique: true });
          await indexed.createIndex({ u: 1 }, { unique: true, sparse: true });
          const rows = docs.map((d, i) => ({ _id: i, u: `u${i}`, ...strip(d) }));
          for (const collection of [indexed, plain]) {
            await collection.insertMany(rows.map((r) => ({ ...r })));
            for (const [id, replacement] of updates)
              await collection.replaceOne({ _id: id }, strip(replacement));
            for (const id of deletes) await collection.deleteOne({ _id: id });
            await collection.updateMany({ f: 1 }, { $set: { a: 'moved' } });
            // Updates that leave every indexed field alone, and ones that turn null into
            // missing and back (a sparse index files null but not missing).
            await collection.updateMany({ f: 0 }, { $set: { g: 'keys untouched' } });
            await collection.updateMany({ f: 2 }, { $unset: { b: '' } });
            await collection.updateMany({ f: 1 }, { $set: { b: null } });
          }
          for (const q of queries) {
            const fromIndex = await indexed.find(q).sort({ _id: 1 }).toArray();
            const fromScan = await plain.find(q).sort({ _id: 1 }).toArray();
            expect({ q, ids: fromIndex.map((d) => d._id) }).toEqual({
              q,
              ids: fromScan.map((d) => d._id),
            });
            expect(await indexed.countDocuments(q)).toBe(fromScan.length);
            answers.all++;
            if (fromScan.length > 0) answers.nonEmpty++;
          }
          await indexed.drop();
          await plain.drop();
        },
      ),
      { numRuns: 60 },
    );
    // The comparison means something only if many answers hold documents.
    expect(answers.nonEmpty).toBeGreaterThan(answers.all / 4);
  }, 60_000);

  it('when an index answers one condition of a query, then the other conditions still filter', async () => {
    // Few values, so two conditions often both hold and often only one does: an index that
    // answered for the whole query when it only pins part of it would return too much.
    const db = mongoose.connection.db!;
    const small = fc.record({
      a: fc.constantFrom('x', 'y'),
      b: fc.constantFrom('x', 'y'),
      f: fc.constantFrom(0, 1, 2),
    });
    const pick = fc.constantFrom('x', 'y');
    const partial = fc.oneof(
      fc.record({ a: pick, f: fc.constantFrom(0, 1, 2) }),
      fc.record({ a: fc.record({ $in: fc.array(pick, { minLength: 1, maxLength: 2 }) }), b: pick }),
      fc.record({
        _id: fc.record({ $in: fc.array(fc.nat({ max: 11 }), { minLength: 1 }) }),
        a: pick,
      }),
      fc.record({ u: fc.constantFrom('u1', 'u2', 'u3'), f: fc.constantFrom(0, 1, 2) }),
      fc.record({ a: pick, b: pick, f: fc.constantFrom(0, 1, 2) }),
    );
    let round = 0;
    const seen = { differs: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(small, { minLength: 4, maxLength: 12 }),
        fc.array(partial, { minLength: 1, maxLength: 6 }),
        async (docs, queries) => {
          round++;
          const indexed = db.collection<Probe>(`partial_${round}`);
          const plain = db.collection<Probe>(`partial_plain_${round}`);
          await indexed.createIndex({ a: 1 });
          await indexed.createIndex({ a: 1, b: 1 });
          await indexed.createIndex({ u: 1 }, { unique: true });
          for (const collection of [indexed, plain])
            await collection.insertMany(docs.map((d, i) => ({ _id: i, u: `u${i}`, ...d })));
          for (const q of queries) {
            const ids = async (c: typeof plain) =>
              (await c.find(q).sort({ _id: 1 }).toArray()).map((d) => d._id);
            const fromScan = await ids(plain);
            expect({ q, ids: await ids(indexed) }).toEqual({ q, ids: fromScan });
            // How often the index's own answer holds documents the other conditions drop.
            const { f, b, ...first } = q as Record<string, unknown>;
            if (f !== undefined || b !== undefined)
              if ((await plain.countDocuments(first)) > fromScan.length) seen.differs++;
          }
          await indexed.drop();
          await plain.drop();
        },
      ),
      { numRuns: 40 },
    );
    expect(seen.differs).toBeGreaterThan(20);
  }, 60_000);
});
