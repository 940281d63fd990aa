import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../shared/logger';
import { LocalMongoUnavailable, startLocalMongo } from './local-mongo';

export type Rung = 'MONGODB_URI' | 'mongodb-memory-server' | 'mongo-java-server';

export interface ResolvedDatabase {
  /** Server URI without a database name; pick the database with `dbName` when connecting. */
  uri: string;
  rung: Rung;
  stop(): Promise<void>;
}

export interface LadderOptions {
  uri: string | undefined;
  embedded: 'persistent' | 'memory';
  dataDir: string;
  logger: Logger;
  /** How long mongodb-memory-server may take to find or fetch a mongod. */
  memoryServerTimeoutMs?: number;
}

export class NoDatabaseError extends Error {
  constructor(reasons: string[]) {
    super(
      [
        'No MongoDB could be found. Fix it one of three ways:',
        '  1. set MONGODB_URI to a MongoDB 6+ server (mongodb://host:27017/porchlight);',
        '  2. let mongodb-memory-server find a mongod: install one on PATH and set MONGOMS_SYSTEM_BINARY, or allow its download;',
        '  3. install Java 17+ and Maven so the local mongo-java-server can start.',
        'What was tried:',
        ...reasons.map((r) => `  - ${r}`),
      ].join('\n'),
    );
  }
}

const noDownloadMarker = 'mongodb-memory-server.unavailable';
const retryDownloadAfterMs = 24 * 60 * 60 * 1000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

async function tryMemoryServer(options: LadderOptions): Promise<ResolvedDatabase> {
  // A failed download is remembered for a day so later starts do not wait for it again.
  const marker = path.join(options.dataDir, noDownloadMarker);
  if (
    existsSync(marker) &&
    Date.now() - Number(readFileSync(marker, 'utf8')) < retryDownloadAfterMs
  ) {
    throw new Error(`a mongod download failed recently (delete ${marker} to retry)`);
  }
  const { MongoBinary, MongoMemoryServer } = await import('mongodb-memory-server');
  // Finding (or fetching) the binary first keeps a failed download to one line: starting the
  // server directly would print the download's stack trace on the console before failing.
  let binary: string;
  try {
    binary = await withTimeout(
      MongoBinary.getPath(),
      options.memoryServerTimeoutMs ?? 8_000,
      'finding or downloading a mongod',
    );
  } catch (error) {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(marker, String(Date.now()));
    throw new Error(`no mongod binary (${oneLine(error)}); remembered in ${marker}`, {
      cause: error,
    });
  }
  const persistentPath = path.join(options.dataDir, 'mongod');
  if (options.embedded === 'persistent') mkdirSync(persistentPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    binary: { systemBinary: binary },
    ...(options.embedded === 'persistent'
      ? { instance: { dbPath: persistentPath, storageEngine: 'wiredTiger' } }
      : {}),
  });
  return {
    uri: server.getUri(),
    rung: 'mongodb-memory-server',
    stop: async () => void (await server.stop()),
  };
}

/** An error as one log-friendly line (download errors put their cause on the next line). */
function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

/**
 * Finds a database in a fixed order: MONGODB_URI, then a real mongod through
 * mongodb-memory-server, then mongo-java-server on loopback. Logs the rung it used.
 */
export async function resolveDatabase(options: LadderOptions): Promise<ResolvedDatabase> {
  const { logger } = options;
  if (options.uri) {
    logger.info({ rung: 'MONGODB_URI' }, 'database: using MONGODB_URI');
    return { uri: options.uri, rung: 'MONGODB_URI', stop: async () => undefined };
  }
  const reasons: string[] = [];
  // One line per rung passed over, saying why; the stack trace only when nothing is left.
  const passOver = (rung: Rung, error: unknown) => {
    reasons.push(
      `${rung}: ${error instanceof LocalMongoUnavailable ? error.message : oneLine(error)}`,
    );
    const reason = oneLine(error).slice(0, 300);
    logger.info({ rung, reason }, `database: passed over ${rung}: ${reason}`);
  };
  try {
    const db = await tryMemoryServer(options);
    logger.info({ rung: db.rung }, 'database: using a mongod from mongodb-memory-server');
    return db;
  } catch (error) {
    passOver('mongodb-memory-server', error);
  }
  try {
    const cacheDir = path.join(options.dataDir, 'mongo-java-server');
    const h2File =
      options.embedded === 'persistent' ? path.join(options.dataDir, 'embedded-db.mv') : undefined;
    const local = await startLocalMongo(cacheDir, h2File);
    logger.info(
      { rung: 'mongo-java-server', persistent: Boolean(h2File) },
      'database: using local mongo-java-server',
    );
    return { uri: local.uri, rung: 'mongo-java-server', stop: local.stop };
  } catch (error) {
    passOver('mongo-java-server', error);
  }
  throw new NoDatabaseError(reasons);
}
