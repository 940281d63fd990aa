import type { Config } from '../config/config';
import { ApiKeyRepository } from '../db/repositories/api-key.repository';
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
import { systemClock, type Clock } from '../shared/clock';
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
    suppressions: new SuppressionRepository(),
    devMessages: new DevMessageRepository(),
  };
  return {
    config,
    logger,
    clock: overrides.clock ?? systemClock,
    processId: overrides.processId ?? newProcessIdentity('porchlight'),
    repositories,
    senders: {
      email: overrides.senders?.email ?? createEmailSender(config, repositories.devMessages),
      sms: overrides.senders?.sms ?? createSmsSender(config, repositories.devMessages),
    },
    carriers: overrides.carriers ?? createCarrierRegistry(config),
  };
}
