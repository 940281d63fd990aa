export interface AuditActor {
  kind: 'console_user' | 'api_key' | 'cli';
  id: string;
  /** email for users, key prefix for keys */
  label: string;
}

/**
 * One change a merchant's account went through. `before` and `after` are plain JSON snapshots
 * and never hold secrets (webhook secrets, key hashes, store secrets): a key is `{ prefix }`.
 */
export interface AuditEntry {
  id: string;
  merchantId: string;
  actor: AuditActor;
  action: string;
  /** what was changed, e.g. a key id or 'preferences' */
  target?: string;
  before?: unknown;
  after?: unknown;
  /** Why, when the actor had to say (lifting a suppression). */
  reason?: string;
  at: Date;
}

type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameValue(item, b[i]))
    );
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return a === b;
}

/**
 * Only the keys whose values differ, at any depth (dotted paths), for before/after display.
 * An object is compared key by key (a missing key and `undefined` are the same; `null` is a
 * value); when one side is absent or null, every leaf of the other side is listed. Arrays and
 * dates are compared whole, so a changed list is one path. `''` stands for the value itself
 * when neither side is an object.
 */
export function changedPaths(before: unknown, after: unknown): string[] {
  const paths: string[] = [];
  const objectOrAbsent = (value: unknown) =>
    isPlainObject(value) || value === undefined || value === null;
  const walk = (a: unknown, b: unknown, path: string) => {
    if ((isPlainObject(a) || isPlainObject(b)) && objectOrAbsent(a) && objectOrAbsent(b)) {
      const left = isPlainObject(a) ? a : {};
      const right = isPlainObject(b) ? b : {};
      for (const key of new Set([...Object.keys(left), ...Object.keys(right)]))
        walk(left[key], right[key], path ? `${path}.${key}` : key);
    } else if (!sameValue(a, b)) paths.push(path);
  };
  walk(before, after, '');
  return paths;
}
