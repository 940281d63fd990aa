import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Model } from 'mongoose';
import * as models from '../../../src/db/models';
import { hotQueries } from '../../../src/db/hot-queries';

const byName = new Map(
  Object.values(models).map((m) => [(m as Model<unknown>).modelName, m as Model<unknown>]),
);

/** Every index a model declares, as its ordered key names (`_id` always has one). */
function declaredIndexes(model: Model<unknown>): string[][] {
  return [['_id'], ...model.schema.indexes().map(([keys]) => Object.keys(keys))];
}

describe('indexes for hot queries', () => {
  it.each(hotQueries.map((q) => [q.name, q] as const))(
    'when %s runs, then a declared index leads with its fields',
    (_name, query) => {
      const model = byName.get(query.collection);
      expect(model).toBeDefined();
      const served = declaredIndexes(model!).some((keys) =>
        query.fields.every((field, i) => keys[i] === field),
      );
      expect({ query: query.name, served }).toEqual({ query: query.name, served: true });
    },
  );

  it('when the README lists the hot queries, then it names every one', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    for (const query of hotQueries) expect(readme).toContain(`| ${query.name} |`);
  });
});
