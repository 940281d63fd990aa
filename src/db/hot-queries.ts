/**
 * The queries the hot paths (polling, dispatch, webhook intake, guest pages) run, with the
 * collection and the fields each filters or sorts on, in index order. A test checks that every
 * one has a declared index whose keys start with these fields, and README lists this table.
 */
export interface HotQuery {
  name: string;
  collection: string;
  /** Fields the query leads with, in index order. */
  fields: string[];
  servedFrom: string;
}

export const hotQueries: HotQuery[] = [
  {
    name: 'shipments due a check',
    collection: 'Shipment',
    fields: ['nextPollAt'],
    servedFrom: 'ShipmentRepository.dueCandidates',
  },
  {
    name: 'fenced shipment write',
    collection: 'Shipment',
    fields: ['_id', 'fence'],
    servedFrom: 'lease.claimCandidates, ShipmentRepository.completeChecks',
  },
  {
    name: 'shipments of orders',
    collection: 'Shipment',
    fields: ['orderId'],
    servedFrom: 'ShipmentRepository.findByOrders, ordersFinalAt',
  },
  {
    name: 'shipment by tracking number',
    collection: 'Shipment',
    fields: ['carrier', 'trackingNumber'],
    servedFrom: 'PushIngestion, ShipmentRepository.createdAtByNumber',
  },
  {
    name: 'notifications due to send',
    collection: 'Notification',
    fields: ['state', 'notBefore'],
    servedFrom: 'NotificationRepository.claimDueGroups, claimUnknownToReconcile',
  },
  {
    name: 'fenced notification write',
    collection: 'Notification',
    fields: ['_id', 'fence'],
    servedFrom: 'lease.claimCandidates, NotificationRepository.transitionMany',
  },
  {
    name: 'notifications of orders',
    collection: 'Notification',
    fields: ['orderId'],
    servedFrom: 'NotificationRepository.claimDueGroups (siblings), sentSince',
  },
  {
    name: 'texts to a number',
    collection: 'Notification',
    fields: ['recipient', 'channel'],
    servedFrom: 'NotificationRepository.textedBefore, latestSmsTo, findByRecipient',
  },
  {
    name: 'notification by provider id',
    collection: 'Notification',
    fields: ['providerMessageId'],
    servedFrom: 'provider webhooks',
  },
  {
    name: 'merchant delivery log',
    collection: 'Notification',
    fields: ['merchantId', 'createdAt'],
    servedFrom: 'NotificationRepository.page, stats',
  },
  {
    name: 'merchant audit log',
    collection: 'AuditEntry',
    fields: ['merchantId', 'at'],
    servedFrom: 'AuditLogRepository.page',
  },
  {
    name: 'suppressed addresses',
    collection: 'Suppression',
    fields: ['channel', 'address'],
    servedFrom: 'SuppressionRepository.findMany, find',
  },
  {
    name: 'merchant suppressions',
    collection: 'Suppression',
    fields: ['merchantId', 'createdAt'],
    servedFrom: 'SuppressionRepository.list',
  },
  {
    name: 'guest lookup',
    collection: 'Order',
    fields: ['orderNumber', 'guest.emailNormalized'],
    servedFrom: 'OrderRepository.findByLookup',
  },
  {
    name: 'order by external id',
    collection: 'Order',
    fields: ['merchantId', 'externalId'],
    servedFrom: 'OrderRepository.upsert',
  },
  {
    name: 'status link',
    collection: 'StatusToken',
    fields: ['tokenHash'],
    servedFrom: 'StatusTokenRepository.findUsable',
  },
  {
    name: 'rate window',
    collection: 'RateWindow',
    fields: ['key'],
    servedFrom: 'RateWindowRepository.hit, takeMany',
  },
  {
    name: 'merchant webhook deliveries due',
    collection: 'WebhookDelivery',
    fields: ['state', 'nextAttemptAt'],
    servedFrom: 'WebhookRepository.claimDue',
  },
  {
    name: 'store events due',
    collection: 'StoreEvent',
    fields: ['state', 'nextAttemptAt'],
    servedFrom: 'StoreEventRepository.claimDue',
  },
  {
    name: 'lane statistics',
    collection: 'LaneStats',
    fields: ['lane', 'week'],
    servedFrom: 'LaneStatsRepository',
  },
  {
    name: 'console session',
    collection: 'ConsoleSession',
    fields: ['tokenHash'],
    servedFrom: 'ConsoleSessionRepository.findByTokenHash (every console request)',
  },
  {
    name: 'console sign-in link',
    collection: 'ConsoleSignInLink',
    fields: ['tokenHash'],
    servedFrom: 'ConsoleSessionRepository.useSignInLink',
  },
  {
    name: 'console users by email',
    collection: 'ConsoleUser',
    fields: ['email'],
    servedFrom: 'ConsoleUserRepository.findByEmail',
  },
  {
    name: 'merchant activity this week',
    collection: 'Notification',
    fields: ['merchantId', 'updatedAt'],
    servedFrom: 'ConsoleFiguresRepository.activitySince',
  },
  {
    name: 'merchant shipments',
    collection: 'Shipment',
    fields: ['merchantId'],
    servedFrom: 'ConsoleFiguresRepository (by status, needing attention, freshness)',
  },
  {
    name: 'guest orders by email',
    collection: 'Order',
    fields: ['merchantId', 'guest.emailNormalized'],
    servedFrom: 'OrderRepository.findByGuestContact',
  },
  {
    name: 'guest orders by phone',
    collection: 'Order',
    fields: ['merchantId', 'guest.phone'],
    servedFrom: 'OrderRepository.findByGuestContact',
  },
  {
    name: 'order by number',
    collection: 'Order',
    fields: ['orderNumber'],
    servedFrom: 'OrderRepository.findByOrderNumber',
  },
  {
    name: 'status-page visits',
    collection: 'PageVisit',
    fields: ['merchantId', 'day'],
    servedFrom: 'ConsoleFiguresRepository.addVisits, visits',
  },
];
