/**
 * The benchmark conventions every measure follows (issue 17): each measure prints one
 * `BENCH <name> value=.. unit=.. baseline=.. ratio=.. target=.. PASS|FAIL` line, with its
 * baseline measured in the same run, and `npm run bench` ends with `BENCH summary`.
 */

/** One measured figure against its same-run baseline. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  /** How the value compares with the baseline (which way round is the measure's choice). */
  ratio: number;
  /** The goal in words, e.g. ">=500x" or "p99<100ms". */
  target: string;
  pass: boolean;
}

export interface BenchOptions {
  /** Small sizes for a smoke check (CI runs `npm run bench -- --quick`). */
  quick: boolean;
}

/** A named measure; `run` prints nothing itself except optional detail lines. */
export interface Bench {
  name: string;
  run(options: BenchOptions): Promise<BenchResult[]>;
}

function figure(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Number(n.toPrecision(4)).toString();
}

export function benchLine(r: BenchResult): string {
  return `BENCH ${r.name} value=${figure(r.value)} unit=${r.unit} baseline=${figure(r.baseline)} ratio=${figure(r.ratio)} target=${r.target} ${r.pass ? 'PASS' : 'FAIL'}`;
}

/**
 * Runs synchronous `work` repeatedly for about `ms` and returns microseconds per call. Nothing
 * is awaited between calls: an `await` per call cost several microseconds, a third of a fast
 * measure and nothing of a slow one, which skewed every ratio between them.
 */
export function timePerCall(work: () => unknown, ms: number): number {
  for (let i = 0; i < 20; i++) work(); // warm-up
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    work();
    calls++;
  }
  return ((performance.now() - start) * 1000) / calls;
}

/**
 * Microseconds per call of each measure, as the median of `rounds` rounds of `ms` each, the
 * measures taking turns round by round. One long window of each in turn swung by a third from
 * run to run (JIT and garbage collector state left by the measure before); interleaved rounds
 * expose each measure to the same conditions, and the median drops the odd round.
 */
export function medianTimesPerCall<K extends string>(
  measures: Record<K, () => unknown>,
  options: { rounds: number; ms: number },
): Record<K, number> {
  const names = Object.keys(measures) as K[];
  const samples = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < options.rounds; round++)
    for (const name of names) samples.get(name)!.push(timePerCall(measures[name], options.ms));
  return Object.fromEntries(
    names.map((name) => [name, percentile(samples.get(name)!, 50)]),
  ) as Record<K, number>;
}

/** The q-th percentile (0..100) of a list of numbers. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
