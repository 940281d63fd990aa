type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * Applies a PATCH to settings: objects merge key by key at every depth, anything else
 * (strings, numbers, null, arrays) replaces; keys the patch leaves out keep their value.
 */
export function mergeSettings<T>(current: T, patch: unknown): T {
  if (!isPlain(current) || !isPlain(patch)) return (patch === undefined ? current : patch) as T;
  const merged: Plain = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) merged[key] = mergeSettings(current[key], value);
  }
  return merged as T;
}
