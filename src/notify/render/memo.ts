type Level = Map<string | number, unknown>;
type Argument = string | number | Date;

/**
 * Remembers a pure function's results by its arguments (dates by their time), up to `limit`
 * entries; the memo is emptied when full, which is cheap and keeps memory bounded. Each
 * argument keys one map level, so a look-up builds no key string: the strings' hashes serve.
 */
export function memo<A extends [Argument, ...Argument[]], R>(
  compute: (...args: A) => R,
  limit = 5000,
): (...args: A) => R {
  if (compute.length === 1) return memoOne(compute as unknown as (arg: Argument) => R, limit);
  let root: Level = new Map();
  let size = 0;
  return (...args: A) => {
    const key = keyOf(args[args.length - 1]!);
    let level = levelFor(root, args);
    let result = level.get(key) as R | undefined;
    if (result === undefined) {
      result = compute(...args);
      if (size >= limit) {
        root = new Map();
        size = 0;
        level = levelFor(root, args);
      }
      level.set(key, result);
      size++;
    }
    return result;
  };
}

/**
 * One argument, as most memos here have: one map, and no list of arguments made per call. The
 * email's shared words are looked up about ten times per message, where the general path's
 * rest arguments cost more than the escaping they save.
 */
function memoOne<A extends [Argument, ...Argument[]], R>(
  compute: (arg: Argument) => R,
  limit: number,
): (...args: A) => R {
  let results = new Map<string | number, R>();
  const remembered = (arg: Argument): R => {
    const key = keyOf(arg);
    let result = results.get(key);
    if (result === undefined) {
      result = compute(arg);
      if (results.size >= limit) results = new Map();
      results.set(key, result);
    }
    return result;
  };
  return remembered as unknown as (...args: A) => R;
}

/** The map holding results for these leading arguments, made on first use. */
function levelFor(root: Level, args: Argument[]): Level {
  let level = root;
  for (let i = 0; i < args.length - 1; i++) {
    const key = keyOf(args[i]!);
    let next = level.get(key) as Level | undefined;
    if (!next) level.set(key, (next = new Map()));
    level = next;
  }
  return level;
}

function keyOf(arg: Argument): string | number {
  return arg instanceof Date ? arg.getTime() : arg;
}
