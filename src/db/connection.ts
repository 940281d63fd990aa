import mongoose from 'mongoose';
import * as models from './models';

export type Database = typeof mongoose;

/**
 * Connects mongoose and makes sure every declared index exists (unique indexes are the
 * idempotency guarantees, so the app does not start without them).
 */
export async function connectDatabase(uri: string, dbName?: string): Promise<Database> {
  mongoose.set('strictQuery', true);
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000, autoIndex: false });
  for (const model of Object.values(models)) await model.createIndexes();
  return mongoose;
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/** True when the database answers a ping within the timeout. */
export async function pingDatabase(timeoutMs = 2_000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  try {
    await Promise.race([
      db.command({ ping: 1 }),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('ping timeout')), timeoutMs).unref(),
      ),
    ]);
    return true;
  } catch {
    return false;
  }
}
