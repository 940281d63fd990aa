/**
 * One worker process of the poll benchmark: connects to BENCH_MONGODB_URI / BENCH_DB, runs one
 * `pollDue()` (which loops until nothing is due) and prints its wall time and peak RSS as JSON.
 * BENCH_ENV (JSON) adds configuration variables to `pollBenchEnv`.
 */
import { buildContainer } from '../src/app/container';
import { connectDatabase, disconnectDatabase } from '../src/db/connection';
import { loadConfig } from '../src/config/load-config';
import { createLogger } from '../src/shared/logger';
import { pollBenchEnv } from './poll.bench';

async function main(): Promise<void> {
  const uri = process.env.BENCH_MONGODB_URI!;
  const extra = JSON.parse(process.env.BENCH_ENV ?? '{}') as Record<string, string>;
  const config = loadConfig({ ...pollBenchEnv, ...extra, MONGODB_URI: uri });
  await connectDatabase(uri, process.env.BENCH_DB);
  const container = buildContainer(config, createLogger('silent'));
  // Wait for the sibling workers, so a scale-out run starts together.
  const startAt = Number(process.env.BENCH_START_AT ?? Date.now());
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  const started = performance.now();
  const summary = await container.tracking.poll.pollDue();
  const ms = performance.now() - started;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, peakRssMb, summary }));
  await disconnectDatabase();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
