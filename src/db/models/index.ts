export { MerchantModel } from './merchant.model';
export { ApiKeyModel } from './api-key.model';
export { OrderModel } from './order.model';
export { ShipmentModel } from './shipment.model';
export { NotificationModel } from './notification.model';
export { StatusTokenModel } from './status-token.model';
export { SuppressionModel } from './suppression.model';
export { DevMessageModel } from './dev-message.model';
export { RateWindowModel } from './rate-window.model';
export { WebhookEndpointModel, WebhookDeliveryModel } from './webhook.model';
export { WorkerHeartbeatModel } from './worker-heartbeat.model';
export { LaneStatsModel } from './lane-stats.model';
export {
  StoreConnectionModel,
  StoreEventModel,
  StoreTallyModel,
  DataRequestModel,
} from './store-integration.model';
export { ConsoleUserModel, ConsoleSignInLinkModel, ConsoleSessionModel } from './console.model';
export { PageVisitModel } from './page-visit.model';
export { AuditEntryModel } from './audit-entry.model';
