import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a running embedded database listens, recorded under DATA_DIR by the process that owns
 * it, so the CLI can work beside `npm start` instead of fighting over the database file.
 */
export interface RunningDatabase {
  uri: string;
  /** Process that owns the server; the record is stale once it is gone. */
  pid: number;
  rung: string;
}

const fileName = 'running-database.json';

export function recordRunningDatabase(dataDir: string, database: RunningDatabase): () => void {
  const file = path.join(dataDir, fileName);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(database)}\n`);
  return () => {
    // Only our own record: a newer process may have replaced it.
    if (findRunningDatabase(dataDir)?.pid === database.pid) rmSync(file, { force: true });
  };
}

/** The recorded database when its owner is still alive; stale or unreadable records are ignored. */
export function findRunningDatabase(dataDir: string): RunningDatabase | undefined {
  let record: Partial<RunningDatabase>;
  try {
    record = JSON.parse(readFileSync(path.join(dataDir, fileName), 'utf8')) as typeof record;
  } catch {
    return undefined;
  }
  if (typeof record.uri !== 'string' || typeof record.pid !== 'number') return undefined;
  return isAlive(record.pid) ? (record as RunningDatabase) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
