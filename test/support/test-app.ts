import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { startPorchlight, type RunningPorchlight } from '../../src/app/porchlight';
import type { ContainerOverrides } from '../../src/app/container';
import { connectDatabase } from '../../src/db/connection';
import { loadConfig } from '../../src/config/load-config';
import type { Config } from '../../src/config/config';
import { createLogger, type Logger } from '../../src/shared/logger';

export function testDatabaseUri(): string {
  const uri = process.env.PORCHLIGHT_TEST_MONGODB_URI;
  if (!uri)
    throw new Error(
      'PORCHLIGHT_TEST_MONGODB_URI is not set: run tests through jest (global setup)',
    );
  return uri;
}

/** A database name of its own for each test file. */
export function uniqueDbName(prefix = 'test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Test configuration: config/test.json plus these variables, on the run's test database. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', MONGODB_URI: testDatabaseUri(), ...env });
}

/** Connects mongoose to a fresh database for this file and drops it afterwards. */
export function useTestDatabase(): { dbName: string } {
  const state = { dbName: uniqueDbName() };
  beforeAll(async () => {
    await connectDatabase(testDatabaseUri(), state.dbName);
  });
  afterAll(async () => {
    await mongoose.connection.db?.dropDatabase();
    await mongoose.disconnect();
  });
  return state;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  web?: boolean;
  worker?: boolean;
  overrides?: ContainerOverrides;
  /** Where logs go (tests that read them pass a capturing logger). */
  logger?: Logger;
}

/** Starts the real app (web on a loopback port 0) on a fresh database; stop() drops it. */
export async function startTestApp(
  options: TestAppOptions = {},
): Promise<RunningPorchlight & { url: string; stop(): Promise<void> }> {
  const config = testConfig(options.env);
  const dbName = uniqueDbName('app');
  const app = await startPorchlight({
    config,
    logger: options.logger ?? createLogger(config.log.level),
    web: options.web ?? true,
    worker: options.worker ?? false,
    dbName,
    overrides: options.overrides,
  });
  return {
    ...app,
    url: app.url ?? '',
    stop: async () => {
      await mongoose.connection.db?.dropDatabase().catch(() => undefined);
      await app.shutdown();
    },
  };
}
