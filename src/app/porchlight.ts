import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config';
import { connectDatabase, disconnectDatabase } from '../db/connection';
import { resolveDatabase, type ResolvedDatabase } from '../db/database-ladder';
import { releaseLeases } from '../db/lease';
import { heartbeatEveryMs } from '../db/repositories/worker-heartbeat.repository';
import { recordRunningDatabase } from '../db/running-database';
import { NotificationModel, ShipmentModel } from '../db/models';
import { demoConsoleLink, seedDemo, type SeededOrder } from '../demo/seed-demo';
import { Scheduler } from '../jobs/scheduler';
import { startMetricsServer } from '../metrics/metrics.routes';
import { workerJobs } from '../jobs/worker-jobs';
import type { Logger } from '../shared/logger';
import { createWebApp } from '../web/app';
import { buildContainer, type Container, type ContainerOverrides } from './container';

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Serve HTTP. */
  web: boolean;
  /** Run the cron jobs. */
  worker: boolean;
  /** Database name when the URI names none (tests use one per file). */
  dbName?: string;
  overrides?: ContainerOverrides;
}

export interface RunningPorchlight {
  container: Container;
  database: ResolvedDatabase;
  scheduler: Scheduler;
  /** Base URL the server listens on, when `web` is on. */
  url?: string;
  /** The worker's own /metrics server, when it runs without `web` (which serves /metrics). */
  metricsUrl?: string;
  demoOrders: SeededOrder[];
  /** A one-time console sign-in link for the demo shop (demo with web only). */
  demoConsoleLink?: string;
  shutdown(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** Starts the chosen roles on one database; the returned shutdown is graceful and idempotent. */
export async function startPorchlight(options: StartOptions): Promise<RunningPorchlight> {
  const { config, logger } = options;
  const database = await resolveDatabase({
    uri: config.mongodb.uri,
    embedded: config.mongodb.embedded,
    dataDir: config.dataDir,
    logger,
  });
  await connectDatabase(
    database.uri,
    options.dbName ?? (config.mongodb.uri ? undefined : 'porchlight'),
  );
  // The CLI (npm run merchant) finds an embedded database it cannot open itself through this.
  const forgetDatabase =
    database.rung === 'MONGODB_URI'
      ? () => undefined
      : recordRunningDatabase(config.dataDir, {
          uri: database.uri,
          pid: process.pid,
          rung: database.rung,
        });
  const container = buildContainer(config, logger, options.overrides);
  // Leases of a process that stops beating are taken over in seconds, not a whole lease.
  // Started before the server listens: the entry registers its signal handlers once this returns.
  const beat = () =>
    container.repositories.heartbeats
      .beat(container.processId)
      .catch((err: unknown) => logger.warn({ err }, 'heartbeat failed'));
  await beat();
  const heartbeat = setInterval(beat, heartbeatEveryMs);
  heartbeat.unref();
  const demoOrders = config.demo ? await seedDemo(container) : [];
  const consoleLink =
    config.demo && options.web && !config.production ? await demoConsoleLink(container) : undefined;

  let server: Server | undefined;
  let url: string | undefined;
  if (options.web) {
    server = createServer(createWebApp(container));
    const address = await listen(server, config.http.port, config.http.host);
    url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
    logger.info({ port: address.port }, 'web server listening');
  }
  let metricsServer: Server | undefined;
  let metricsUrl: string | undefined;
  if (options.worker && !options.web) {
    ({ server: metricsServer, url: metricsUrl } = await startMetricsServer(
      container.metricsRegistry,
      {
        host: config.metrics.workerHost,
        port: config.metrics.workerPort,
        token: config.metrics.token,
      },
    ));
    logger.info({ url: metricsUrl }, 'worker metrics listening');
  }
  const scheduler = new Scheduler(container);
  if (options.worker) {
    const jobs = workerJobs(config);
    scheduler.start(jobs);
    logger.info({ jobs: jobs.map((j) => `${j.name} (${j.schedule})`) }, 'worker started');
  }

  let shuttingDown: Promise<void> | undefined;
  const shutdown = () =>
    (shuttingDown ??= (async () => {
      logger.info('shutting down');
      const closing = server
        ? new Promise<void>((resolve) => server!.close(() => resolve()))
        : Promise.resolve();
      server?.closeIdleConnections();
      // Claim nothing new; what is in hand finishes, and the rest is given back below.
      container.tracking.poll.stop();
      container.notify.dispatcher.stop();
      metricsServer?.closeAllConnections();
      metricsServer?.close();
      await scheduler.stop(config.shutdownTimeoutMs);
      clearInterval(heartbeat);
      try {
        const released =
          (await releaseLeases(ShipmentModel, container.processId)) +
          (await releaseLeases(NotificationModel, container.processId));
        await container.repositories.heartbeats.forget(container.processId);
        logger.info({ released }, 'leases released');
      } catch (err) {
        // They expire on their own; other workers take the work over then.
        logger.warn({ err }, 'could not release leases');
      }
      server?.closeAllConnections();
      await closing;
      await disconnectDatabase();
      forgetDatabase();
      await database.stop();
      logger.info('stopped');
    })());
  return {
    container,
    database,
    scheduler,
    url,
    metricsUrl,
    demoOrders,
    demoConsoleLink: consoleLink,
    shutdown,
  };
}
