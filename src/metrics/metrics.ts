import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Claim } from '../db/lease';
import type { ReconcileResult } from '../notify/reconcile/provider-reconciler';
import type { CarrierOutcome } from '../tracking/carrier';

/**
 * What services record, as a port: they call it once per outcome and never see prom-client.
 * Every name Porchlight exports is defined in this module (the dashboard and alert rules under
 * config/observability/ are checked against it).
 */
export interface Metrics {
  /** A dispatcher outcome for one notification (sent, skipped, deferred, retried, failed, unknown). */
  message(channel: string, outcome: string, reason: string): void;
  /** One carrier check per shipment: how late it was polled, and the carrier's error if any. */
  carrierChecked(
    carrier: string,
    dueAt: ReadonlyArray<Date | null>,
    outcomes: Iterable<CarrierOutcome>,
    now: Date,
  ): void;
  /** How long one carrier request waited for a later window of the carrier's shared rate (0: none). */
  carrierBudgetWaited(carrier: string, seconds: number): void;
  /** A provider (SendGrid, Twilio, log) call and how long it took. */
  providerCall(channel: string, provider: string, seconds: number, ok: boolean): void;
  webhookDelivery(outcome: string): void;
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  /** Claimed leases; those taken over from an expired owner are counted. */
  claimed(kind: 'shipment' | 'notification' | 'webhook', claims: readonly Claim[]): void;
  /** What the provider said about one `unknown` notification, once it is recorded. */
  reconciled(channel: string, outcome: ReconcileResult['outcome']): void;
}

/** Database-derived gauges, read at scrape time (one aggregate each). */
export interface MetricReadings {
  /** Notifications still in the outbox, by state. */
  outboxDepth(): Promise<Record<string, number>>;
  unknownCount(): Promise<number>;
  /** Due date of the oldest shipment due a check, by carrier. */
  oldestDue(now: Date): Promise<Map<string, Date>>;
  carriers: readonly string[];
  now(): Date;
}

const outboxStates = ['pending', 'sending'];
const reconcileOutcomes: ReadonlyArray<ReconcileResult['outcome']> = [
  'sent',
  'not_sent',
  'cannot_ask',
];
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const lagBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200];

export function createMetrics(readings: MetricReadings): { metrics: Metrics; registry: Registry } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'porchlight_tracking_oldest_due_age_seconds',
    help: 'Age of the oldest shipment due a carrier check, by carrier (0 when none is due).',
    labelNames: ['carrier'],
    registers,
    async collect() {
      const now = readings.now();
      const oldest = await readings.oldestDue(now);
      this.reset();
      for (const carrier of new Set([...readings.carriers, ...oldest.keys()])) {
        const due = oldest.get(carrier);
        this.set({ carrier }, due ? Math.max(0, (now.getTime() - due.getTime()) / 1000) : 0);
      }
    },
  });
  new Gauge({
    name: 'porchlight_outbox_notifications',
    help: 'Notifications waiting in the outbox, by state.',
    labelNames: ['state'],
    registers,
    async collect() {
      const depth = await readings.outboxDepth();
      for (const state of outboxStates) this.set({ state }, depth[state] ?? 0);
    },
  });
  new Gauge({
    name: 'porchlight_notifications_unknown',
    help: 'Notifications whose send outcome is unknown, waiting for the provider to reconcile them.',
    registers,
    async collect() {
      this.set(await readings.unknownCount());
    },
  });
  const pollLag = new Histogram({
    name: 'porchlight_tracking_poll_lag_seconds',
    help: 'How long after it fell due a shipment was checked with its carrier.',
    labelNames: ['carrier'],
    buckets: lagBuckets,
    registers,
  });
  const carrierChecks = new Counter({
    name: 'porchlight_carrier_checks_total',
    help: 'Shipments checked with a carrier.',
    labelNames: ['carrier'],
    registers,
  });
  const carrierErrors = new Counter({
    name: 'porchlight_carrier_errors_total',
    help: 'Carrier checks that failed, by kind (transient, not_found, invalid_number, auth, rate_limited).',
    labelNames: ['carrier', 'kind'],
    registers,
  });
  const carrierBudgetWaits = new Counter({
    name: 'porchlight_carrier_budget_wait_seconds_total',
    help: "Seconds carrier requests waited for a later window of the carrier's requests per second (shared by all workers); it stays flat while the rate has room.",
    labelNames: ['carrier'],
    registers,
  });
  const messages = new Counter({
    name: 'porchlight_messages_total',
    help: 'Dispatcher outcomes per notification, by channel, outcome and reason.',
    labelNames: ['channel', 'outcome', 'reason'],
    registers,
  });
  const providerLatency = new Histogram({
    name: 'porchlight_provider_request_duration_seconds',
    help: 'Calls to email and SMS providers, by channel, provider and result.',
    labelNames: ['channel', 'provider', 'result'],
    buckets: latencyBuckets,
    registers,
  });
  const webhookDeliveries = new Counter({
    name: 'porchlight_webhook_deliveries_total',
    help: 'Merchant webhook delivery attempts, by outcome (delivered, retried, failed).',
    labelNames: ['outcome'],
    registers,
  });
  const httpLatency = new Histogram({
    name: 'porchlight_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: latencyBuckets,
    registers,
  });
  const takeovers = new Counter({
    name: 'porchlight_lease_takeovers_total',
    help: 'Leases claimed after another worker’s lease expired (a worker died or stalled).',
    labelNames: ['kind'],
    registers,
  });
  const reconciliations = new Counter({
    name: 'porchlight_reconciliations_total',
    help: 'Unknown send outcomes settled by asking the provider, by channel and outcome (sent, not_sent, cannot_ask).',
    labelNames: ['channel', 'outcome'],
    registers,
  });

  // Series that alerts compare exist from the start, at zero.
  for (const kind of ['shipment', 'notification', 'webhook']) takeovers.inc({ kind }, 0);
  for (const outcome of ['delivered', 'retried', 'failed']) webhookDeliveries.inc({ outcome }, 0);
  for (const channel of ['email', 'sms'])
    for (const outcome of reconcileOutcomes) reconciliations.inc({ channel, outcome }, 0);

  const metrics: Metrics = {
    message: (channel, outcome, reason) => messages.inc({ channel, outcome, reason }),
    carrierChecked(carrier, dueAt, outcomes, now) {
      for (const due of dueAt)
        if (due) pollLag.observe({ carrier }, Math.max(0, (now.getTime() - due.getTime()) / 1000));
      for (const outcome of outcomes) {
        carrierChecks.inc({ carrier });
        if (!outcome.ok) carrierErrors.inc({ carrier, kind: outcome.error.kind });
      }
    },
    carrierBudgetWaited: (carrier, seconds) => carrierBudgetWaits.inc({ carrier }, seconds),
    providerCall: (channel, provider, seconds, ok) =>
      providerLatency.observe({ channel, provider, result: ok ? 'ok' : 'error' }, seconds),
    webhookDelivery: (outcome) => webhookDeliveries.inc({ outcome }),
    httpRequest: (method, route, status, seconds) =>
      httpLatency.observe({ method, route, status: String(status) }, seconds),
    claimed(kind, claims) {
      const taken = claims.filter((c) => c.takenOver).length;
      if (taken) takeovers.inc({ kind }, taken);
    },
    reconciled: (channel, outcome) => reconciliations.inc({ channel, outcome }),
  };
  return { metrics, registry };
}
