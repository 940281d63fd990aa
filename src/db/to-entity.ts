import { Types } from 'mongoose';

type Plain = Record<string, unknown>;

// Every stored document the workers read passes through here (2.7% of a poll worker's CPU
// when it checked ObjectId first and walked Object.entries): primitives are tested first.
function convert(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (value instanceof Types.ObjectId) return value.toHexString();
  if (Array.isArray(value)) return value.map(convert);
  const plain = value as Plain;
  const out: Plain = {};
  for (const key of Object.keys(plain)) {
    if (key === '__v') continue;
    out[key === '_id' ? 'id' : key] = convert(plain[key]);
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
