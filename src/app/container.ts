import type { Config } from '../config/config';
import { ApiKeyRepository } from '../db/repositories/api-key.repository';
import { WebhookRepository } from '../db/repositories/webhook.repository';
import { MerchantWebhookService } from '../merchant-webhooks/merchant-webhook.service';
import { ErasureRepository } from '../db/repositories/erasure.repository';
import { RateWindowRepository } from '../db/repositories/rate-window.repository';
import { DevMessageRepository } from '../db/repositories/dev-message.repository';
import { MerchantRepository } from '../db/repositories/merchant.repository';
import { NotificationRepository } from '../db/repositories/notification.repository';
import { OrderRepository } from '../db/repositories/order.repository';
import { ShipmentRepository } from '../db/repositories/shipment.repository';
import { StatusTokenRepository } from '../db/repositories/status-token.repository';
import { SuppressionRepository } from '../db/repositories/suppression.repository';
import type { EmailSender } from '../notify/senders/email-sender';
import type { SmsSender } from '../notify/senders/sms-sender';
import { createEmailSender, createSmsSender } from '../notify/senders/select-senders';
import { createCarrierRegistry } from '../tracking/carriers';
import type { CarrierRegistry } from '../tracking/carrier-registry';
import { Dispatcher } from '../notify/dispatch/dispatcher';
import { EmailRenderer } from '../notify/render/email-renderer';
import { SmsRenderer } from '../notify/render/sms-renderer';
import { systemClock, type Clock } from '../shared/clock';
import { PollService } from '../tracking/poll/poll-service';
import { PushIngestion } from '../tracking/push/push-ingestion';
import { TrackingRecorder } from '../tracking/tracking-recorder';
import { trackingPolicy } from '../tracking/tracking-policy';
import type { Logger } from '../shared/logger';
import { newProcessIdentity } from '../shared/process-identity';

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
  /** Outbox dispatch (worker). */
  notify: { dispatcher: Dispatcher };
  /** Milestone events for merchants' own endpoints. */
  merchantWebhooks: MerchantWebhookService;
}

/** What tests may replace: a fixed clock, recording or failing senders. */
export interface ContainerOverrides {
  clock?: Clock;
  processId?: string;
  senders?: Partial<Container['senders']>;
  carriers?: CarrierRegistry;
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
  };
  const clock = overrides.clock ?? systemClock;
  const processId = overrides.processId ?? newProcessIdentity('porchlight');
  const carriers = overrides.carriers ?? createCarrierRegistry(config, clock.now(), logger);
  const merchantWebhooks = new MerchantWebhookService({
    repositories,
    clock,
    processId,
    config,
    logger,
  });
  const tracking = buildTracking(
    config,
    logger,
    clock,
    processId,
    repositories,
    carriers,
    merchantWebhooks,
  );
  const base = {
    config,
    logger,
    clock,
    processId,
    repositories,
    senders: {
      email: overrides.senders?.email ?? createEmailSender(config, repositories.devMessages),
      sms: overrides.senders?.sms ?? createSmsSender(config, repositories.devMessages),
    },
    carriers,
    tracking,
  };
  // MJML is compiled once, here, as the container is built; each message is a string fill.
  const renderers = EmailRenderer.create().then((email) => ({ email, sms: new SmsRenderer() }));
  renderers.catch((err: unknown) => logger.fatal({ err }, 'email templates failed to compile'));
  return { ...base, notify: { dispatcher: new Dispatcher(base, renderers) }, merchantWebhooks };
}

function buildTracking(
  config: Config,
  logger: Logger,
  clock: Clock,
  owner: string,
  repositories: Repositories,
  carriers: CarrierRegistry,
  merchantWebhooks: MerchantWebhookService,
): Container['tracking'] {
  const policy = trackingPolicy(config);
  const recorder = new TrackingRecorder({
    ...repositories,
    policy,
    random: Math.random,
    logger,
    onMilestone: (order, shipment, milestone, now) =>
      merchantWebhooks.milestoneReached(order, shipment, milestone, now),
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
    }),
    push: new PushIngestion({ shipments: repositories.shipments, recorder, clock, owner, leaseMs }),
  };
}
