/**
 * `npm run bench` runs every measure; `npm run bench -- <name> [<name>…]` runs some;
 * `--quick` uses small sizes for a smoke check. Each measure prints `BENCH` lines (bench-kit.ts)
 * and the run ends with `BENCH summary pass=<n> fail=<n>`; the exit code is 1 when any failed.
 * `npm run bench` compiles src and bench with tsc into .bench-build and runs them with node, as
 * the Procfile runs Porchlight. Under tsx every call into another module goes through an export
 * getter that production's build does not have (the render ratio's median over seven runs each
 * was 597x under tsx and 700x compiled). `tsx bench/run.ts` still works for a quick look.
 */
import { benchLine, type Bench, type BenchResult } from './bench-kit';
import { consoleBench } from './console.bench';
import { dispatchBench } from './dispatch.bench';
import { integrationsBench } from './integrations.bench';
import { pollBench } from './poll.bench';
import { pushBench } from './push.bench';
import { renderBench } from './render.bench';
import { statusPageBench } from './status-page.bench';

const benches: Bench[] = [
  pollBench,
  dispatchBench,
  pushBench,
  statusPageBench,
  renderBench,
  integrationsBench,
  consoleBench,
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !benches.some((b) => b.name === n));
  if (unknown.length) {
    console.error(
      `unknown benchmark ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const chosen = names.length ? benches.filter((b) => names.includes(b.name)) : benches;
  const results: BenchResult[] = [];
  for (const bench of chosen) {
    for (const result of await bench.run({ quick })) {
      console.log(benchLine(result));
      results.push(result);
    }
  }
  const failed = results.filter((r) => !r.pass).length;
  console.log(`BENCH summary pass=${results.length - failed} fail=${failed}`);
  // A quick run is a smoke check on a busy machine: it must run every measure, not meet targets.
  process.exitCode = failed && !quick ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
