import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPorchlight, type RunningPorchlight } from '../src/app/porchlight';
import { loadConfig } from '../src/config/load-config';
import { createLogger } from '../src/shared/logger';

/** The web process alone, silent, on a database of its own (MONGODB_URI or the embedded ladder). */
export function startBenchWeb(
  name: string,
  env: Record<string, string> = {},
): Promise<RunningPorchlight> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
    ...env,
  });
  return startPorchlight({
    config,
    logger: createLogger('silent'),
    web: true,
    worker: false,
    dbName: `bench_${name}_${Date.now()}`,
  });
}

/** Listens on a free loopback port; the base URL. */
export function listenLoopback(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}
