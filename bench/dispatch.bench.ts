/**
 * Black Friday dispatch (issue 17): N due emails through the full send policy (preferences,
 * consent, suppressions, quiet hours, daily cap, grouping, per-sender limits) to the log sender,
 * against `insertOne` × N of the same documents with the raw driver, in the same run. Both are
 * measured in three rounds after a first one of the same size warmed both processes up; each
 * figure is its median round.
 *
 * Then the same through a provider that takes its time as SendGrid does (most answers in
 * 80-200 ms, one in thirty-three in 0.6-1 s), against the rate that keeps every one of the
 * channel's 32 slots busy for those very latencies: the concurrency is bounded, and is used.
 */
import mongoose from 'mongoose';
import { buildContainer } from '../src/app/container';
import { connectDatabase, disconnectDatabase } from '../src/db/connection';
import { loadConfig } from '../src/config/load-config';
import { defaultMerchantPreferences } from '../src/merchants/merchant';
import type { EmailSender } from '../src/notify/senders/email-sender';
import { createLogger } from '../src/shared/logger';
import { seededRandom } from '../src/tracking/estimate/backtest/synthetic-history';
import { benchDatabase } from './bench-database';
import { percentile, type Bench } from './bench-kit';

const { ObjectId } = mongoose.mongo;

function outboxEntries(merchantId: mongoose.mongo.ObjectId, count: number, now: number) {
  return Array.from({ length: count }, (_, i) => {
    const orderId = new ObjectId();
    const shipmentId = new ObjectId();
    return {
      order: {
        _id: orderId,
        merchantId,
        externalId: `bench-${i}`,
        orderNumber: `B${i}`,
        guest: {
          email: `guest${i}@example.com`,
          emailNormalized: `guest${i}@example.com`,
          locale: 'en',
          timezone: 'UTC',
          consent: { email: { granted: true }, sms: { granted: false } },
          preferences: { channels: { email: true, sms: true }, level: 'all', stopped: false },
        },
        destination: { city: 'Boston', country: 'US' },
        items: [{ name: 'Mug', quantity: 1 }],
      },
      shipment: {
        _id: shipmentId,
        merchantId,
        orderId,
        carrier: 'simulated',
        trackingNumber: `SIM${i + 1}HAPPY`,
        status: 'in_transit',
        events: [],
        milestones: [],
        nextPollAt: null,
        lease: null,
        fence: 0,
        createdAt: new Date(now),
      },
      notification: {
        idempotencyKey: `${shipmentId.toHexString()}:shipped:email`,
        merchantId,
        orderId,
        shipmentIds: [shipmentId],
        milestone: 'shipped',
        channel: 'email',
        recipient: `guest${i}@example.com`,
        template: 'shipped',
        locale: 'en',
        state: 'pending',
        history: [{ at: new Date(now), state: 'pending', reason: 'created' }],
        attempts: 0,
        notBefore: new Date(now - 60_000),
        appliedEvents: [],
        lease: null,
        fence: 0,
        createdAt: new Date(now),
        updatedAt: new Date(now),
      },
    };
  });
}

/** Email calls in flight per worker (`EMAIL_CONCURRENCY`, here as by default). */
const emailSlots = 32;

/**
 * One round in its own database over `count` entries: the raw baseline (unless a provider is
 * given), then the dispatcher, sending to the log sender or `email`.
 */
async function dispatchRound(uri: string, count: number, email?: EmailSender) {
  await connectDatabase(uri, `bench_dispatch_${Date.now()}`);
  try {
    const db = mongoose.connection.db!;
    const merchantId = new ObjectId();
    await db.collection('merchants').insertOne({
      _id: merchantId,
      name: 'Bench & Co',
      slug: 'bench',
      branding: { displayName: 'Bench & Co', primaryColor: '#7c3aed' },
      senders: { email: { from: 'orders@bench.example' }, sms: {} },
      preferences: defaultMerchantPreferences(),
    });
    const entries = outboxEntries(merchantId, count, Date.now());
    // Baseline: the same outbox documents written one insertOne at a time.
    const baselineStarted = performance.now();
    if (!email)
      for (const e of entries)
        await db.collection('baseline').insertOne({ ...e.notification, _id: new ObjectId() });
    const baselineRate = count / ((performance.now() - baselineStarted) / 1000);
    await db.collection('orders').insertMany(entries.map((e) => e.order));
    await db.collection('shipments').insertMany(entries.map((e) => e.shipment));
    await db.collection('notifications').insertMany(entries.map((e) => e.notification));
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MONGODB_URI: uri,
      DISPATCH_BATCH_SIZE: '500',
      EMAIL_SENDS_PER_SECOND: '10000',
      EMAIL_CONCURRENCY: String(emailSlots),
    });
    const container = buildContainer(
      config,
      createLogger('silent'),
      email ? { senders: { email } } : {},
    );
    const started = performance.now();
    let sent = 0;
    for (;;) {
      const summary = await container.notify.dispatcher.dispatchDue();
      sent += summary.sent;
      if (summary.claimed === 0) break;
    }
    return { sent, rate: sent / ((performance.now() - started) / 1000), baselineRate };
  } finally {
    await mongoose.connection.db?.dropDatabase();
    await disconnectDatabase();
  }
}

/** A provider answering after SendGrid-like latencies (drawn the same way every run). */
function slowProvider(): EmailSender & { latenciesMs: number[] } {
  const random = seededRandom(17);
  const latenciesMs: number[] = [];
  return {
    name: 'slow-provider',
    latenciesMs,
    async send() {
      const ms = random() < 0.03 ? 600 + random() * 400 : 80 + random() * 120;
      latenciesMs.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { providerMessageId: `slow-${latenciesMs.length}` };
    },
  };
}

/** Measured rounds after the warm-up one: each figure is the median round's. */
const measuredRounds = 3;

export const dispatchBench: Bench = {
  name: 'dispatch',
  async run({ quick }) {
    const count = quick ? 500 : 5_000;
    const database = await benchDatabase();
    try {
      // A first round, not measured: a worker dispatching on Black Friday has been running, and
      // so has its database. Cold, the embedded server's JIT compiler took about half its CPU
      // for the first ~10 s, and the first round ran at 75% of the second's rate. Then each
      // round measures the baseline and the dispatcher in turn, on its own data, and each figure
      // is its median round: one round of each swung by ±20% from run to run (2026-12-01, about
      // 30 runs), so the ratio's target passed or failed by luck.
      const cold = await dispatchRound(database.uri, count);
      const rounds = [];
      for (let i = 0; i < (quick ? 1 : measuredRounds); i++)
        rounds.push(await dispatchRound(database.uri, count));
      const rate = percentile(
        rounds.map((r) => r.rate),
        50,
      );
      const baselineRate = percentile(
        rounds.map((r) => r.baselineRate),
        50,
      );
      const allSent = [cold, ...rounds].every((r) => r.sent === count);
      console.log(
        `dispatch: ${count} per round, rounds at ${rounds.map((r) => r.rate.toFixed(0)).join(', ')}/s against baselines of ${rounds.map((r) => r.baselineRate.toFixed(0)).join(', ')}/s; first round, cold: ${cold.rate.toFixed(0)}/s${allSent ? '' : '; NOT ALL SENT'}`,
      );
      const provider = slowProvider();
      const slowCount = quick ? 320 : 2_000;
      const slow = await dispatchRound(database.uri, slowCount, provider);
      const meanLatencyMs =
        provider.latenciesMs.reduce((a, b) => a + b, 0) / provider.latenciesMs.length;
      const slotsFullRate = emailSlots / (meanLatencyMs / 1000);
      console.log(
        `dispatch to a slow provider: ${slow.sent} of ${slowCount} at ${slow.rate.toFixed(0)}/s; mean latency ${meanLatencyMs.toFixed(0)} ms, so ${emailSlots} busy slots make ${slotsFullRate.toFixed(0)}/s`,
      );
      return [
        {
          name: 'dispatch-provider-latency',
          value: slow.rate,
          unit: 'notifications/s',
          baseline: slotsFullRate,
          ratio: slotsFullRate / slow.rate,
          target: `ratio<=1.25(${emailSlots}-slots-busy)`,
          pass: slow.sent === slowCount && slotsFullRate / slow.rate <= 1.25,
        },
        {
          name: 'dispatch-throughput',
          value: rate,
          unit: 'notifications/s',
          baseline: baselineRate,
          ratio: baselineRate / rate,
          target: '>=1000/s,ratio<=2.5',
          pass: allSent && rate >= 1000 && baselineRate / rate <= 2.5,
        },
      ];
    } finally {
      await database.stop();
    }
  },
};
