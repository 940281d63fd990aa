import path from 'node:path';
import { resolveDatabase, type ResolvedDatabase } from '../src/db/database-ladder';
import { createLogger } from '../src/shared/logger';

/**
 * The database a benchmark runs on: MONGODB_URI when set, else the embedded ladder in memory
 * (the same one tests use), so figures are comparable between runs on this kind of machine.
 */
export function benchDatabase(): Promise<ResolvedDatabase> {
  return resolveDatabase({
    uri: process.env.MONGODB_URI,
    embedded: 'memory',
    dataDir: path.resolve(__dirname, '../.data'),
    logger: createLogger('silent'),
  });
}
