import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** Identifies this process as a lease owner; unique even when a pid is reused after a restart. */
export function newProcessIdentity(role: string): string {
  return `${role}:${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
