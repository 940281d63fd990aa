import path from 'node:path';
import { resolveDatabase } from '../../src/db/database-ladder';
import { createLogger } from '../../src/shared/logger';

/**
 * Starts one database server for the whole run through the same ladder `npm start` uses
 * (MONGODB_URI, then mongodb-memory-server, then mongo-java-server); each test file then uses
 * its own database on it (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  const database = await resolveDatabase({
    uri: process.env.MONGODB_URI,
    embedded: 'memory',
    dataDir: path.resolve(__dirname, '../../.data'),
    logger: createLogger('info'),
  });
  process.env.PORCHLIGHT_TEST_MONGODB_URI = database.uri;
  (globalThis as { __porchlightDatabase?: typeof database }).__porchlightDatabase = database;
}
