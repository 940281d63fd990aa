/**
 * The guest status page against a bare Express handler, in the same run, on loopback: at 50
 * connections it keeps at least half the bare handler's requests per second (issue 5), and a
 * burst of 200 connections on one page stays under 100 ms at p99 with no errors (issue 17).
 */
import { createServer } from 'node:http';
import autocannon from 'autocannon';
import express from 'express';
import { listenLoopback, startBenchWeb } from './bench-web';
import type { Bench, BenchResult } from './bench-kit';
import { seedBenchOrder } from './seed-bench-order';

/** What a phone's browser sends; the bare handler gets the same. */
const browserHeaders = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'en-US,en;q=0.9',
};

interface Measured {
  requestsPerSecond: number;
  p99: number;
  failures: number;
}

async function measure(url: string, connections: number, duration: number): Promise<Measured> {
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
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}

export const statusPageBench: Bench = {
  name: 'status-page',
  async run({ quick }) {
    const duration = quick ? 2 : Number(process.env.BENCH_SECONDS ?? 10);
    const app = await startBenchWeb('status');
    const bare = express();
    bare.get('/', (_req, res) => {
      res.send('ok');
    });
    const bareServer = createServer(bare);
    try {
      const token = await seedBenchOrder(app.container);
      const bareUrl = await listenLoopback(bareServer);
      const pageUrl = `${app.url}/t/${token}`;
      const baseline = await measure(`${bareUrl}/`, 50, duration);
      const page = await measure(pageUrl, 50, duration);
      const burstBaseline = await measure(`${bareUrl}/`, 200, duration);
      const burst = await measure(pageUrl, 200, duration);
      const ratio = page.requestsPerSecond / baseline.requestsPerSecond;
      const results: BenchResult[] = [
        {
          name: 'status-page-throughput',
          value: page.requestsPerSecond,
          unit: 'req/s',
          baseline: baseline.requestsPerSecond,
          ratio,
          target: 'ratio>=0.5,no-errors',
          pass: ratio >= 0.5 && page.failures === 0,
        },
        {
          name: 'status-page-burst-p99',
          value: burst.p99,
          unit: 'ms',
          baseline: burstBaseline.p99,
          ratio: burst.p99 / Math.max(1, burstBaseline.p99),
          target: 'p99<100ms@200conn,no-errors',
          pass: burst.p99 < 100 && burst.failures === 0,
        },
      ];
      return results;
    } finally {
      bareServer.close();
      await app.shutdown();
    }
  },
};
