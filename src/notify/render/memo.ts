/**
 * Remembers a pure function's results by its arguments (dates by their time), up to `limit`
 * entries; the memo is emptied when full, which is cheap and keeps memory bounded.
 */
export function memo<A extends Array<string | Date>, R>(
  compute: (...args: A) => R,
  limit = 5000,
): (...args: A) => R {
  const results = new Map<string, R>();
  return (...args: A) => {
    let key = '';
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      key += `${i ? '|' : ''}${a instanceof Date ? a.getTime() : a}`;
    }
    let result = results.get(key);
    if (result === undefined) {
      if (results.size >= limit) results.clear();
      result = compute(...args);
      results.set(key, result);
    }
    return result;
  };
}
