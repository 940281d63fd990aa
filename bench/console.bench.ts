/**
 * Every console page with a large merchant (100,000 notifications in its log; 5,000 with
 * --quick), measured by p99 latency over loopback against a bare Express handler in the same
 * run (issue 12: p99 under 100 ms per page).
 */
import { createServer } from 'node:http';
import autocannon from 'autocannon';
import express from 'express';
import { listenLoopback, startBenchWeb } from './bench-web';
import { Types } from 'mongoose';
import type { Container } from '../src/app/container';
import { hashConsoleToken, newConsoleToken } from '../src/console/auth/console-tokens';
import { NotificationModel, OrderModel, ShipmentModel } from '../src/db/models';
import { defaultMerchantPreferences } from '../src/merchants/merchant';
import { defaultGuestPreferences } from '../src/orders/order';
import { milestones } from '../src/tracking/domain/taxonomy';
import type { Bench, BenchResult } from './bench-kit';

const day = 86_400_000;

/** A busy merchant: `notifications` messages over a week for a fifth as many orders. */
async function seedMerchant(container: Container, notifications: number) {
  const { repositories } = container;
  const now = Date.now();
  const merchant = await repositories.merchants.create(`console-bench-${now}`, {
    name: 'Bench & Co',
    branding: { displayName: 'Bench & Co', primaryColor: '#7c3aed' },
    senders: { email: {}, sms: {} },
    preferences: defaultMerchantPreferences(),
  });
  const merchantId = new Types.ObjectId(merchant.id);
  const orderCount = Math.ceil(notifications / 5);
  const orderIds = Array.from({ length: orderCount }, () => new Types.ObjectId());
  for (let start = 0; start < orderCount; start += 5_000) {
    await OrderModel.collection.insertMany(
      orderIds.slice(start, start + 5_000).map((_id, j) => {
        const i = start + j;
        return {
          _id,
          merchantId,
          externalId: `ext-${i}`,
          orderNumber: `B${100000 + i}`,
          guest: {
            email: `guest${i}@example.com`,
            emailNormalized: `guest${i}@example.com`,
            phone: `+1202555${String(i % 10000).padStart(4, '0')}`,
            name: `Guest ${i}`,
            consent: { email: { granted: true }, sms: { granted: i % 2 === 0 } },
            preferences: defaultGuestPreferences,
          },
          destination: { city: 'Berlin', country: 'DE' },
          items: [{ name: 'Mug', quantity: 1 }],
          cancelledAt: null,
          createdAt: new Date(now - (i % 7) * day),
          updatedAt: new Date(now - (i % 7) * day),
        };
      }),
    );
  }
  const states = [
    'sent',
    'sent',
    'sent',
    'delivered',
    'delivered',
    'sent',
    'skipped',
    'failed',
    'pending',
    'sent',
  ];
  for (let start = 0; start < notifications; start += 5_000) {
    const docs = [];
    for (let i = start; i < Math.min(notifications, start + 5_000); i++) {
      const at = new Date(now - (i % 7) * day - (i % 86_400) * 1000);
      const state = states[i % states.length];
      const channel = i % 3 === 0 ? 'sms' : 'email';
      const order = Math.floor(i / 5);
      docs.push({
        idempotencyKey: `bench-${now}-${i}`,
        merchantId,
        orderId: orderIds[order],
        shipmentIds: [],
        milestone: milestones[i % milestones.length],
        channel,
        recipient:
          channel === 'sms'
            ? `+1202555${String(order % 10000).padStart(4, '0')}`
            : `guest${order}@example.com`,
        template: milestones[i % milestones.length],
        locale: 'en',
        state,
        history: [
          { at, state: 'pending', reason: 'created' },
          ...(state === 'pending'
            ? [{ at, state: 'pending', reason: 'deferred_quiet_hours' }]
            : []),
          ...(state === 'skipped' ? [{ at, state: 'skipped', reason: 'no_sms_consent' }] : []),
          ...(state === 'failed'
            ? [{ at, state: 'failed', reason: 'provider:550', detail: 'mailbox unavailable' }]
            : []),
          ...(state === 'sent' || state === 'delivered'
            ? [{ at, state: 'sent', reason: 'accepted' }]
            : []),
        ],
        attempts: 1,
        notBefore: at,
        sentAt: state === 'sent' || state === 'delivered' ? at : undefined,
        lease: null,
        fence: 1,
        createdAt: at,
        updatedAt: at,
      });
    }
    await NotificationModel.collection.insertMany(docs);
  }
  const shipmentStatuses = [
    'in_transit',
    'in_transit',
    'delivered',
    'out_for_delivery',
    'exception',
    'pending',
  ];
  await ShipmentModel.collection.insertMany(
    orderIds.slice(0, Math.min(orderCount, 5_000)).map((orderId, i) => ({
      merchantId,
      orderId,
      carrier: i % 2 ? 'ups' : 'simulated',
      trackingNumber: `BENCH${now}${i}`,
      status: shipmentStatuses[i % shipmentStatuses.length],
      events: [],
      nextPollAt:
        shipmentStatuses[i % shipmentStatuses.length] === 'delivered'
          ? null
          : new Date(now + 3_600_000),
      lastCheckedAt: new Date(now - (i % 60) * 60_000),
      lease: null,
      fence: 0,
      createdAt: new Date(now - day),
      updatedAt: new Date(now - (i % 100) * 60_000),
    })),
  );
  for (let i = 0; i < 200; i++)
    await repositories.suppressions.add({
      channel: i % 2 ? 'sms' : 'email',
      address: i % 2 ? `+1202555${String(i).padStart(4, '0')}` : `guest${i}@example.com`,
      merchantId: merchant.id,
      reason: i % 2 ? 'STOP reply' : 'bounce',
      source: 'bench',
    });
  const { user } = await repositories.consoleUsers.invite(
    merchant.id,
    'bench@bench.example',
    'bench',
  );
  const cookie = newConsoleToken();
  await repositories.consoleSessions.create(hashConsoleToken(cookie), {
    userId: user.id,
    merchantId: merchant.id,
    email: user.email,
    createdAt: new Date(),
    lastSeenAt: new Date(),
    expiresAt: new Date(now + day),
  });
  return {
    cookie,
    sampleEmail: `guest${Math.floor(orderCount / 2)}@example.com`,
    sampleOrder: `B${100000 + Math.floor(orderCount / 3)}`,
  };
}

async function p99(
  url: string,
  cookie: string,
  duration: number,
): Promise<{ p99: number; failures: number; requests: number }> {
  const headers = { cookie: `pl_console=${cookie}`, accept: 'text/html' };
  // One request first, waited for: it fills caches (the overview's figures) before measuring.
  await (await fetch(url, { headers, signal: AbortSignal.timeout(120_000) })).text();
  await autocannon({ url, connections: 2, duration: 1, headers });
  const result = await autocannon({ url, connections: 4, duration, workers: 1, headers });
  return {
    p99: result.latency.p99,
    failures: result.non2xx + result.errors,
    requests: result.requests.average * duration,
  };
}

export const consoleBench: Bench = {
  name: 'console',
  async run({ quick }) {
    const notifications = quick
      ? 5_000
      : Number(process.env.BENCH_CONSOLE_NOTIFICATIONS ?? 100_000);
    const duration = quick ? 1 : 4;
    const app = await startBenchWeb('console');
    const bare = express();
    bare.get('/', (_req, res) => void res.send('ok'));
    const bareServer = createServer(bare);
    try {
      const seeded = await seedMerchant(app.container, notifications);
      const bareUrl = await listenLoopback(bareServer);
      const baseline = await p99(`${bareUrl}/`, seeded.cookie, duration);
      const pages: Array<[string, string]> = [
        ['notifications', '/console/notifications'],
        ['branding', '/console/branding'],
        ['preview', '/console/preview?milestone=delivered&channel=email&locale=en'],
        ['log-email', `/console/log?q=${encodeURIComponent(seeded.sampleEmail)}`],
        ['log-order', `/console/log?q=${seeded.sampleOrder}`],
        ['suppressions', '/console/suppressions'],
        ['connections', '/console/connections'],
        ['team', '/console/team'],
        // Last: refreshing its cached figures scans a week of notifications in the background.
        ['overview', '/console'],
      ];
      const results: BenchResult[] = [];
      for (const [name, path] of pages) {
        const page = await p99(`${app.url}${path}`, seeded.cookie, duration);
        results.push({
          name: `console-${name}-p99`,
          value: page.p99,
          unit: 'ms',
          baseline: baseline.p99,
          ratio: page.p99 / Math.max(1, baseline.p99),
          target: `p99<100ms@${notifications}notifications,no-errors`,
          pass: page.requests > 0 && page.p99 < 100 && page.failures === 0,
        });
      }
      return results;
    } finally {
      bareServer.close();
      await app.shutdown();
    }
  },
};
