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

/** Runs `work` repeatedly for about `ms` and returns microseconds per call. */
export async function timePerCall(work: () => unknown, ms: number): Promise<number> {
  for (let i = 0; i < 20; i++) await work(); // warm-up
  let calls = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() < until) {
    await work();
    calls++;
  }
  return Number(process.hrtime.bigint() - start) / 1000 / calls;
}

/** The q-th percentile (0..100) of a list of numbers. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
