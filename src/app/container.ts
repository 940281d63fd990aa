import type { Config } from '../config/config';
import { ApiKeyRepository } from '../db/repositories/api-key.repository';
import { AuditLogRepository } from '../db/repositories/audit-log.repository';
import { WebhookRepository } from '../db/repositories/webhook.repository';
import { MerchantWebhookService } from '../merchant-webhooks/merchant-webhook.service';
import { ErasureRepository } from '../db/repositories/erasure.repository';
import { RateWindowRepository } from '../db/repositories/rate-window.repository';
import { DevMessageRepository } from '../db/repositories/dev-message.repository';
import { MerchantRepository } from '../db/repositories/merchant.repository';
import { NotificationRepository } from '../db/repositories/notification.repository';
import { OrderRepository } from '../db/repositories/order.repository';
import { ShipmentRepository } from '../db/repositories/shipment.repository';
import { LaneStatsRepository } from '../db/repositories/lane-stats.repository';
import { StatusTokenRepository } from '../db/repositories/status-token.repository';
import { SuppressionRepository } from '../db/repositories/suppression.repository';
import { WorkerHeartbeatRepository } from '../db/repositories/worker-heartbeat.repository';
import { StoreConnectionRepository } from '../db/repositories/store-connection.repository';
import { StoreEventRepository } from '../db/repositories/store-event.repository';
import { DataRequestRepository } from '../db/repositories/data-request.repository';
import { ConsoleUserRepository } from '../db/repositories/console-user.repository';
import { ConsoleSessionRepository } from '../db/repositories/console-session.repository';
import { ConsoleSignIn } from '../console/auth/console-sign-in';
import { ConsoleFiguresRepository } from '../db/repositories/console-figures.repository';
import type { EmailSender } from '../notify/senders/email-sender';
import type { SmsSender } from '../notify/senders/sms-sender';
import { createEmailSender, createSmsSender } from '../notify/senders/select-senders';
import { createCarrierRegistry } from '../tracking/carriers';
import type { CarrierRegistry } from '../tracking/carrier-registry';
import { Dispatcher } from '../notify/dispatch/dispatcher';
import type { ProviderReconciler } from '../notify/reconcile/provider-reconciler';
import { ReconcileService } from '../notify/reconcile/reconcile-service';
import { createReconcilers } from '../notify/reconcile/select-reconcilers';
import type { Channel } from '../tracking/domain/taxonomy';
import { EmailRenderer } from '../notify/render/email-renderer';
import { SmsRenderer } from '../notify/render/sms-renderer';
import { systemClock, type Clock } from '../shared/clock';
import { PollService } from '../tracking/poll/poll-service';
import { PushIngestion } from '../tracking/push/push-ingestion';
import { TrackingRecorder } from '../tracking/tracking-recorder';
import { DeliveryEstimates } from '../tracking/delivery-estimates';
import { trackingPolicy } from '../tracking/tracking-policy';
import type { Logger } from '../shared/logger';
import { createMetrics, type Metrics } from '../metrics/metrics';
import { timedSender } from '../metrics/timed-senders';
import type { Registry } from 'prom-client';
import { newProcessIdentity } from '../shared/process-identity';
import { StoreEventProcessor } from '../integrations/store-event-processor';

export interface Repositories {
  merchants: MerchantRepository;
  apiKeys: ApiKeyRepository;
  orders: OrderRepository;
  shipments: ShipmentRepository;
  notifications: NotificationRepository;
  statusTokens: StatusTokenRepository;
  suppressions: SuppressionRepository;
  devMessages: DevMessageRepository;
  rateWindows: RateWindowRepository;
  erasure: ErasureRepository;
  webhooks: WebhookRepository;
  heartbeats: WorkerHeartbeatRepository;
  laneStats: LaneStatsRepository;
  storeConnections: StoreConnectionRepository;
  storeEvents: StoreEventRepository;
  dataRequests: DataRequestRepository;
  consoleUsers: ConsoleUserRepository;
  consoleSessions: ConsoleSessionRepository;
  consoleFigures: ConsoleFiguresRepository;
  auditLog: AuditLogRepository;
}

export interface Renderers {
  email: EmailRenderer;
  sms: SmsRenderer;
}

/** Everything the services need, built in one place: entry points and tests share it. */
export interface Container {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** This process as a lease owner. */
  processId: string;
  repositories: Repositories;
  senders: { email: EmailSender; sms: SmsSender };
  carriers: CarrierRegistry;
  /** The tracking engine: polling (worker) and pushed updates (web). */
  tracking: { poll: PollService; push: PushIngestion; recorder: TrackingRecorder };
  /** Outbox dispatch (worker), reconciliation, and the renderers dispatch and the preview API share. */
  notify: { dispatcher: Dispatcher; reconciler: ReconcileService; renderers: Promise<Renderers> };
  /** Milestone events for merchants' own endpoints. */
  merchantWebhooks: MerchantWebhookService;
  /** What services record, and the registry GET /metrics serves. */
  metrics: Metrics;
  metricsRegistry: Registry;
  /** Shopify and WooCommerce webhook events (worker). */
  stores: { processor: StoreEventProcessor };
  /** The merchant console's sign-in links and sessions. */
  console: { signIn: ConsoleSignIn };
}

/** What tests may replace: a fixed clock, recording or failing senders. */
export interface ContainerOverrides {
  clock?: Clock;
  processId?: string;
  senders?: Partial<Container['senders']>;
  carriers?: CarrierRegistry;
  reconcilers?: Partial<Record<Channel, ProviderReconciler>>;
}

export function buildContainer(
  config: Config,
  logger: Logger,
  overrides: ContainerOverrides = {},
): Container {
  const repositories: Repositories = {
    merchants: new MerchantRepository(),
    apiKeys: new ApiKeyRepository(),
    orders: new OrderRepository(),
    shipments: new ShipmentRepository(),
    notifications: new NotificationRepository(),
    statusTokens: new StatusTokenRepository(),
    suppressions: new SuppressionRepository(config.security.tokenSecret),
    devMessages: new DevMessageRepository(),
    rateWindows: new RateWindowRepository(),
    erasure: new ErasureRepository(),
    webhooks: new WebhookRepository(),
    heartbeats: new WorkerHeartbeatRepository(),
    laneStats: new LaneStatsRepository(),
    storeConnections: new StoreConnectionRepository(),
    storeEvents: new StoreEventRepository(),
    dataRequests: new DataRequestRepository(),
    consoleUsers: new ConsoleUserRepository(),
    consoleSessions: new ConsoleSessionRepository(),
    consoleFigures: new ConsoleFiguresRepository(),
    auditLog: new AuditLogRepository(),
  };
  const clock = overrides.clock ?? systemClock;

  const processId = overrides.processId ?? newProcessIdentity('porchlight');
  const carriers =
    overrides.carriers ??
    createCarrierRegistry(config, clock.now(), logger, (numbers) =>
      repositories.shipments.createdAtByNumber('simulated', numbers),
    );
  const { metrics, registry: metricsRegistry } = createMetrics({
    outboxDepth: () => repositories.notifications.outboxDepth(),
    unknownCount: () => repositories.notifications.countUnknown(),
    oldestDue: (now) => repositories.shipments.oldestDueByCarrier(now),
    carriers: carriers
      .all()
      .filter((a) => a.enabled)
      .map((a) => a.code),
    now: () => clock.now(),
  });
  const merchantWebhooks = new MerchantWebhookService({
    repositories,
    clock,
    processId,
    config,
    logger,
    metrics,
  });
  const tracking = buildTracking(
    config,
    logger,
    clock,
    processId,
    repositories,
    carriers,
    merchantWebhooks,
    metrics,
  );
  const base = {
    config,
    logger,
    clock,
    processId,
    repositories,
    senders: {
      email: timedSender(
        overrides.senders?.email ?? createEmailSender(config, repositories.devMessages),
        'email',
        metrics,
      ),
      sms: timedSender(
        overrides.senders?.sms ?? createSmsSender(config, repositories.devMessages),
        'sms',
        metrics,
      ),
    },
    carriers,
    tracking,
    metrics,
  };
  // MJML is compiled once, here, as the container is built; each message is one template call.
  const renderers: Promise<Renderers> = EmailRenderer.create().then((email) => ({
    email,
    sms: new SmsRenderer(),
  }));
  renderers.catch((err: unknown) => logger.fatal({ err }, 'email templates failed to compile'));
  const reconciler = new ReconcileService({
    notifications: repositories.notifications,
    reconcilers: overrides.reconcilers ?? createReconcilers(config),
    clock,
    logger,
    metrics,
    owner: processId,
    leaseMs: config.worker.leaseMs,
    waitMs: config.notify.reconcileAfterMs,
    batchSize: config.notify.batchSize,
  });
  return {
    ...base,
    notify: { dispatcher: new Dispatcher(base, renderers), reconciler, renderers },
    merchantWebhooks,
    metricsRegistry,
    stores: { processor: new StoreEventProcessor({ ...base }) },
    console: {
      signIn: new ConsoleSignIn({
        users: repositories.consoleUsers,
        sessions: repositories.consoleSessions,
        merchants: repositories.merchants,
        email: base.senders.email,
        config,
        clock,
        logger,
      }),
    },
  };
}

function buildTracking(
  config: Config,
  logger: Logger,
  clock: Clock,
  owner: string,
  repositories: Repositories,
  carriers: CarrierRegistry,
  merchantWebhooks: MerchantWebhookService,
  metrics: Metrics,
): Container['tracking'] {
  const policy = trackingPolicy(config);
  const recorder = new TrackingRecorder({
    ...repositories,
    policy,
    random: Math.random,
    logger,
    estimates: new DeliveryEstimates({
      laneStats: repositories.laneStats,
      standards: config.tracking.serviceStandards,
      logger,
    }),
    onMilestones: (reached, now) => merchantWebhooks.milestonesReached(reached, now),
  });
  const leaseMs = config.worker.leaseMs;
  return {
    recorder,
    poll: new PollService({
      shipments: repositories.shipments,
      carriers,
      recorder,
      clock,
      logger,
      owner,
      leaseMs,
      batchSize: config.tracking.pollBatchSize,
      schedule: policy,
      random: Math.random,
      deadOwners: () => repositories.heartbeats.deadOwners(),
      metrics,
      rateWindows: repositories.rateWindows,
    }),
    push: new PushIngestion({ shipments: repositories.shipments, recorder, clock, owner, leaseMs }),
  };
}
