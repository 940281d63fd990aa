import { Types } from 'mongoose';

type Plain = Record<string, unknown>;

function convert(value: unknown): unknown {
  if (value instanceof Types.ObjectId) return value.toHexString();
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(convert);
  const out: Plain = {};
  for (const [key, child] of Object.entries(value as Plain)) {
    if (key === '__v') continue;
    out[key === '_id' ? 'id' : key] = convert(child);
  }
  return out;
}

/**
 * Maps a lean mongoose document to a plain domain object: `_id` becomes `id`, ObjectIds become
 * hex strings. Documents never leave db/.
 */
export function toEntity<T>(doc: unknown): T {
  return convert(doc) as T;
}

export function toEntityOrNull<T>(doc: unknown): T | null {
  return doc ? toEntity<T>(doc) : null;
}

export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}

export function objectId(id: string): Types.ObjectId | null {
  return Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}
