/**
 * `npm run bench`: the guest status page against a bare Express handler, in the same run, on
 * loopback, 50 connections, ~10 s each. Targets from issue 5: at least half the bare
 * handler's requests per second, and p99 under 50 ms. Then one guest email's render against
 * compiling its MJML per message (render-bench.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { startPorchlight } from '../src/app/porchlight';
import { loadConfig } from '../src/config/load-config';
import { createLogger } from '../src/shared/logger';
import { renderBench } from './render-bench';
import { seedBenchOrder } from './seed-bench-order';

const connections = 50;
const duration = Number(process.env.BENCH_SECONDS ?? 10);
/** What a phone's browser sends; the bare handler gets the same. */
const browserHeaders = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'en-US,en;q=0.9',
};

interface Measured {
  name: string;
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function measure(name: string, url: string): Promise<Measured> {
  // A short warm-up fills caches and JIT before the measured run.
  await autocannon({ url, connections: 10, duration: 1, headers: browserHeaders });
  const result = await autocannon({
    url,
    connections,
    duration,
    workers: 1,
    headers: browserHeaders,
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
  });
  const app = await startPorchlight({
    config,
    logger: createLogger('silent'),
    web: true,
    worker: false,
    dbName: `bench_${Date.now()}`,
  });
  const bare = express();
  bare.get('/', (_req, res) => {
    res.send('ok');
  });
  const bareServer = createServer(bare);
  try {
    const token = await seedBenchOrder(app.container);
    const bareUrl = await listen(bareServer);
    const results = [
      await measure('bare express', `${bareUrl}/`),
      await measure('status page', `${app.url}/t/${token}`),
      await measure('app /healthz (middleware floor)', `${app.url}/healthz`),
    ];
    console.table(
      results.map((r) => ({
        target: r.name,
        'req/s': Math.round(r.requestsPerSecond),
        'p99 ms': r.p99,
        non2xx: r.non2xx,
        errors: r.errors,
      })),
    );
    const [baseline, page] = results as [Measured, Measured];
    const ratio = page.requestsPerSecond / baseline.requestsPerSecond;
    const ok = ratio >= 0.5 && page.p99 < 50 && page.non2xx === 0 && page.errors === 0;
    console.log(
      `status page / bare express: ${ratio.toFixed(2)} (target >= 0.50); status page p99: ${page.p99} ms (target < 50 ms) -> ${ok ? 'PASS' : 'FAIL'}`,
    );
    const render = await renderBench();
    process.exitCode = ok && render.ok ? 0 : 1;
  } finally {
    bareServer.close();
    await app.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
