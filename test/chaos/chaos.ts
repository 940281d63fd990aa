import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { connectDatabase, disconnectDatabase } from '../../src/db/connection';
import { resolveDatabase, type ResolvedDatabase } from '../../src/db/database-ladder';
import { NotificationModel, ShipmentModel } from '../../src/db/models';
import { ApiKeyRepository } from '../../src/db/repositories/api-key.repository';
import { MerchantRepository } from '../../src/db/repositories/merchant.repository';
import { defaultMerchantPreferences } from '../../src/merchants/merchant';
import { createLogger } from '../../src/shared/logger';
import { anchorSimulatedNumber } from '../../src/tracking/carriers/simulated/simulated-number';
import { FakeProvider } from '../fakes/fake-provider';
import { AppProcess } from './app-process';
import {
  chaosCounts,
  chaosFailures,
  chaosLine,
  type ChaosMinimums,
  type OutboxRow,
} from './chaos-counts';
import { DbProxy } from './db-proxy';
import { transpileSources } from './transpile-sources';

/**
 * `npm run chaos [-- --quick]`: one embedded database behind a pausable proxy, the web process
 * and 3 workers with the real SendGrid/Twilio SDKs pointed at a local fake provider; orders
 * through the merchant API; random SIGKILLs, one SIGSTOP past the lease, one database blink
 * right after the provider accepted a message; then one CHAOS line (see chaos-counts.ts).
 */
const quick = process.argv.includes('--quick');
// What the run creates and must reach: the issue's sizes, or the quick run's (its notification
// floor is the issue's 1,000 per 300 orders, scaled to 40).
const plan: ChaosMinimums = quick
  ? { orders: 40, notifications: 134, kills: 10 }
  : { orders: 300, notifications: 1_000, kills: 50 };
const startedAt = Date.now();
const deadline = startedAt + 12 * 60_000 - 45_000; // leaves time to count and stop everything
// Kills end here, leaving time for the last leases to free, unknowns to reconcile, and quiet.
const faultsUntil = deadline - 3 * 60_000;
const leaseSeconds = 60;
// A step outlasts a poll, the grouping window and a dispatch, each poll and dispatch once
// stranded by a kill until the dead worker's heartbeat is 10 s old (3 + 13 + 10 + 13 s): at
// 30 s, a parcel whose poll and message were both held up went stale although nothing broke.
const paceSeconds = 45;
const reconcileAfterSeconds = 20;
const workerCount = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (text: string) =>
  process.stderr.write(`[chaos ${Math.round((Date.now() - startedAt) / 1000)}s] ${text}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  database?: ResolvedDatabase;
  proxy?: DbProxy;
  fake?: FakeProvider;
  processes: AppProcess[];
  connected: boolean;
}

/** The CHAOS line, and every check the run failed (none when the proof holds). */
async function main(running: Running): Promise<{ line: string; failures: string[] }> {
  const logDir = path.resolve(__dirname, '../../.data/chaos', new Date().toISOString());
  mkdirSync(logDir, { recursive: true });
  say(`logs in ${logDir}`);
  const buildDir = path.join(logDir, 'build');
  say(`${transpileSources(path.resolve(__dirname, '../..'), buildDir)} source files transpiled`);
  running.database = await resolveDatabase({
    uri: undefined,
    embedded: 'memory',
    dataDir: path.resolve(__dirname, '../../.data'),
    logger: createLogger('warn'),
  });
  const target = new URL(running.database.uri);
  running.proxy = new DbProxy({ host: target.hostname, port: Number(target.port) });
  const proxyPort = await running.proxy.start();
  running.fake = new FakeProvider();
  const fakeUrl = await running.fake.start();
  await connectDatabase(running.database.uri, 'porchlight');
  running.connected = true;
  const apiKey = await createMerchant();

  const webPort = await freePort();
  const env = appEnv(`mongodb://127.0.0.1:${proxyPort}/porchlight`, fakeUrl, webPort);
  const web = new AppProcess('web', 'web', env, logDir, buildDir);
  const workers = Array.from(
    { length: workerCount },
    (_, i) => new AppProcess(`worker-${i + 1}`, 'worker', env, logDir, buildDir),
  );
  running.processes.push(web, ...workers);
  // Started one after the other: four cold starts at once take minutes on a small machine.
  web.start();
  const api = `http://127.0.0.1:${webPort}`;
  await waitFor(
    async () => (await fetch(`${api}/healthz`).catch(() => null))?.ok === true,
    180_000,
  );
  for (const w of workers) {
    w.start();
    await sleep(3_000);
  }
  say('web and workers started');

  const chaos = new FaultInjector(workers, running.proxy, running.fake);
  const faults = chaos.run(plan.kills);
  const { created, twoParcelOrders } = await createOrders(api, apiKey);
  say(`${created} orders created (${twoParcelOrders.size} with two parcels)`);
  chaos.armDatabaseBlink();
  await faults;
  const crashes = running.processes.reduce((n, p) => n + p.unexpectedExits, 0);
  say(
    `faults done: ${chaos.kills} kills, SIGSTOP ${chaos.paused ? 'done' : 'not done'}, blink ${chaos.blinked ? 'done' : 'not done'}, ${crashes} exits on their own (restarted), load average ${loadavg()[1]!.toFixed(1)}`,
  );
  const undeliveredParcels = await settle();
  await dumpOutbox(logDir);

  const counts = chaosCounts(await outboxRows(), running.fake.accepted, twoParcelOrders);
  const run = { orders: created, kills: chaos.kills, paused: chaos.paused, blinked: chaos.blinked };
  return {
    line: chaosLine(chaos.kills, counts),
    failures: chaosFailures({ ...run, undeliveredParcels }, counts, plan),
  };
}

async function createMerchant(): Promise<string> {
  const merchant = await new MerchantRepository().create('chaos', {
    name: 'Chaos Goods',
    branding: {
      displayName: 'Chaos Goods',
      primaryColor: '#2f6b4f',
      supportEmail: 'help@chaos.example',
    },
    senders: { email: { from: 'orders@chaos.example' }, sms: {} },
    preferences: {
      ...defaultMerchantPreferences(),
      // Every milestone on both channels, no quiet hours, no daily cap in the way.
      matrix: Object.fromEntries(
        Object.keys(defaultMerchantPreferences().matrix).map((m) => [
          m,
          { email: true, sms: true },
        ]),
      ) as ReturnType<typeof defaultMerchantPreferences>['matrix'],
      quietHours: { email: null, sms: null },
      maxMessagesPerShipmentPerDay: 50,
      sendOrderConfirmation: true,
    },
  });
  return (await new ApiKeyRepository().issue(merchant.id)).secret;
}

function appEnv(mongoUri: string, fakeUrl: string, webPort: number): Record<string, string> {
  const every3s = [
    'pending',
    'in_transit',
    'out_for_delivery',
    'available_for_pickup',
    'failed_attempt',
    'exception',
    'unknown',
  ]
    .map((s) => `${s}=3`)
    .join(',');
  return {
    NODE_ENV: 'development',
    MONGODB_URI: mongoUri,
    DEMO: 'off',
    // CHAOS_LOG_LEVEL=debug adds every job run and its duration to the logs.
    LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'info',
    TOKEN_SECRET: 'chaos-run-secret-chaos-run-secret-0123456789',
    HOST: '127.0.0.1',
    PORT: String(webPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${webPort}`,
    EMAIL_TRANSPORT: 'sendgrid',
    SENDGRID_API_KEY: 'SG.chaos',
    SENDGRID_API_HOST: fakeUrl,
    SMS_TRANSPORT: 'twilio',
    TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
    TWILIO_AUTH_TOKEN: 'chaos-token',
    TWILIO_FROM_NUMBER: '+15005550006',
    TWILIO_API_BASE_URL: fakeUrl,
    SIMULATED_CARRIER: 'on',
    SIMULATED_PACE_SECONDS: String(paceSeconds),
    POLL_CRON: '*/3 * * * * *',
    POLL_INTERVALS: every3s,
    POLL_JITTER: '0',
    DISPATCH_CRON: '*/2 * * * * *',
    LEASE_SECONDS: String(leaseSeconds),
    NOTIFY_GROUP_WINDOW_SECONDS: '10',
    NOTIFY_RETRY_BASE_SECONDS: '2',
    EMAIL_SENDS_PER_SECOND: '500',
    SMS_SENDS_PER_SECOND: '500',
    RECONCILE_AFTER_SECONDS: String(reconcileAfterSeconds),
    RECONCILE_CRON: '*/5 * * * * *',
    API_REQUESTS_PER_MINUTE: '100000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    // Each worker its own free port: on the default one, all but the first fail to start.
    WORKER_METRICS_PORT: '0',
  };
}

/** Orders through the merchant API, every fourth with two parcels (their ids are returned). */
async function createOrders(
  api: string,
  apiKey: string,
): Promise<{ created: number; twoParcelOrders: Set<string> }> {
  const twoParcels = new Set<string>();
  let next = 0;
  let created = 0;
  const one = async (i: number) => {
    const now = new Date();
    const parcels = i % 4 === 0 ? 2 : 1;
    const body = {
      externalId: `chaos-${i}`,
      orderNumber: `C${1000 + i}`,
      guest: {
        email: `guest${i}@chaos.example`,
        phone: `+1202555${String(i).padStart(4, '0')}`,
        timezone: 'UTC',
        consent: { email: { granted: true }, sms: { granted: true } },
      },
      items: [{ name: 'Lamp', quantity: 1 }],
      shipments: Array.from({ length: parcels }, (_, p) => ({
        trackingNumber: anchorSimulatedNumber(`SIM${i * 10 + p + 1}HAPPY`, now),
      })),
    };
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${api}/api/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).catch(() => null);
      if (res?.ok) {
        const { order } = (await res.json()) as { order: { id: string } };
        if (parcels === 2) twoParcels.add(order.id);
        created++;
        return;
      }
      if (attempt >= 10) throw new Error(`order ${i} not created: HTTP ${res?.status ?? 'none'}`);
      await sleep(500 * attempt);
    }
  };
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < plan.orders) await one(next++);
    }),
  );
  return { created, twoParcelOrders: twoParcels };
}

/** SIGKILLs and restarts workers at random, pauses one past its lease, blinks the database. */
class FaultInjector {
  kills = 0;
  paused = false;
  blinked = false;

  constructor(
    private readonly workers: AppProcess[],
    private readonly proxy: DbProxy,
    private readonly fake: FakeProvider,
  ) {}

  async run(kills: number): Promise<void> {
    const pauseAt = Math.floor(kills / 3);
    let pausing: Promise<void> | undefined;
    while (this.kills < kills && Date.now() < faultsUntil) {
      // The interval runs while a worker is up: a kill the moment one is ready would interrupt
      // nothing, and on a busy machine would leave the fleet starting more than working.
      if (!(await this.runningWorker())) break;
      await sleep(3_000 + Math.random() * 6_000);
      // Paused before the victim is picked: a SIGKILL must not end the pause it would prove.
      if (this.kills === pauseAt && !pausing) {
        const sleeper = await this.runningWorker();
        if (sleeper) pausing = this.pausePastLease(sleeper);
      }
      const victim = await this.runningWorker();
      if (!victim) break;
      await victim.kill();
      this.kills++;
      victim.start();
    }
    await pausing;
  }

  /** Once, as soon as the provider accepts a message: the database is gone for 5 s. */
  armDatabaseBlink(): void {
    this.fake.events.once('accepted', () => {
      this.proxy.pause(5_000);
      this.blinked = true;
      say('database unreachable for 5 s right after the provider accepted a message');
    });
  }

  /**
   * A random worker that has finished starting and runs its jobs: killing one still booting
   * would interrupt nothing. On a busy machine this stretches the 3–9 s interval.
   */
  private async runningWorker(): Promise<AppProcess | undefined> {
    while (Date.now() < faultsUntil) {
      const candidates = this.workers.filter((w) => w.ready && !w.stopped);
      const pick = candidates[Math.floor(Math.random() * candidates.length)];
      if (pick) return pick;
      await sleep(250);
    }
    return undefined;
  }

  /** SIGSTOPs `worker` at once (no other fault picks it while stopped), SIGCONTs it later. */
  private async pausePastLease(worker: AppProcess): Promise<void> {
    worker.pause();
    say(`SIGSTOP ${worker.label} for ${leaseSeconds + 10} s`);
    await sleep((leaseSeconds + 10) * 1000);
    worker.resume();
    this.paused = true;
  }
}

/**
 * Waits until every parcel is delivered and the outbox is quiet: nothing pending or sending,
 * and the state counts unchanged for longer than the reconciliation wait (so an unknown that
 * can be reconciled has been). Bounded by the run's deadline. Returns the parcels still not
 * delivered.
 */
async function settle(): Promise<number> {
  const undelivered = () => ShipmentModel.countDocuments({ status: { $ne: 'delivered' } });
  let open = await undelivered();
  let last = '';
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(5_000);
    open = await undelivered();
    const states = await NotificationModel.aggregate<{ _id: string; n: number }>([
      { $group: { _id: '$state', n: { $sum: 1 } } },
    ]);
    const key = JSON.stringify(states.sort((a, b) => a._id.localeCompare(b._id)));
    if (key !== last) {
      last = key;
      stableSince = Date.now();
      say(
        `parcels not delivered: ${open}; outbox: ${states.map((s) => `${s._id}=${s.n}`).join(' ')}`,
      );
    }
    const busy = states.some((s) => (s._id === 'pending' || s._id === 'sending') && s.n > 0);
    if (open === 0 && !busy && Date.now() - stableSince > (reconcileAfterSeconds + 20) * 1000)
      return open;
  }
  say('settle deadline reached: counting what is there');
  return open;
}

/** Every notification's history and every parcel's milestones, to read a failed run by. */
async function dumpOutbox(logDir: string): Promise<void> {
  const lines = (docs: unknown[]) => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
  const notifications = await NotificationModel.find(
    {},
    { orderId: 1, shipmentIds: 1, channel: 1, milestone: 1, state: 1, history: 1, createdAt: 1 },
  ).lean();
  writeFileSync(path.join(logDir, 'outbox.ndjson'), lines(notifications));
  const shipments = await ShipmentModel.find(
    {},
    { orderId: 1, status: 1, milestones: 1, createdAt: 1 },
  ).lean();
  writeFileSync(path.join(logDir, 'shipments.ndjson'), lines(shipments));
}

async function outboxRows(): Promise<OutboxRow[]> {
  const docs = await NotificationModel.find(
    {},
    { orderId: 1, channel: 1, milestone: 1, state: 1, history: { $slice: -1 } },
  ).lean<
    Array<{
      _id: { toHexString(): string };
      orderId: { toHexString(): string };
      channel: string;
      milestone: string;
      state: string;
      history: Array<{ reason?: string }>;
    }>
  >();
  return docs.map((d) => ({
    id: d._id.toHexString(),
    orderId: d.orderId.toHexString(),
    channel: d.channel,
    milestone: d.milestone,
    state: d.state,
    lastReason: d.history.at(-1)?.reason,
  }));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting for the web process');
    await sleep(500);
  }
}

async function stopEverything(running: Running): Promise<void> {
  await Promise.all(running.processes.map((p) => p.stop().catch(() => undefined)));
  await running.proxy?.stop().catch(() => undefined);
  await running.fake?.stop().catch(() => undefined);
  if (running.connected) await disconnectDatabase().catch(() => undefined);
  await running.database?.stop().catch(() => undefined);
}

const running: Running = { processes: [], connected: false };
let exitCode = 0;
const hardStop = setTimeout(() => {
  say('12-minute bound reached: stopping everything');
  void stopEverything(running).finally(() => process.exit(1));
}, 12 * 60_000);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stopEverything(running).finally(() => process.exit(130)));
main(running)
  .then(({ line, failures }) => {
    process.stdout.write(`${line}\n`);
    for (const failure of failures) process.stdout.write(`CHAOS FAILED: ${failure}\n`);
    if (failures.length) exitCode = 1;
    say(failures.length ? `${failures.length} check(s) failed` : 'every check passed');
  })
  .catch((err: unknown) => {
    exitCode = 1;
    say(`failed: ${(err as Error).stack ?? String(err)}`);
  })
  .finally(async () => {
    await stopEverything(running);
    clearTimeout(hardStop);
    process.exit(exitCode);
  });
