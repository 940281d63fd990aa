import type { NotificationRepository } from '../../db/repositories/notification.repository';
import type { Metrics } from '../../metrics/metrics';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Channel } from '../../tracking/domain/taxonomy';
import type { ProviderReconciler, ReconcileResult } from './provider-reconciler';

export interface ReconcileSummary {
  claimed: number;
  sent: number;
  notSent: number;
  cannotAsk: number;
}

const summaryKey = {
  sent: 'sent',
  not_sent: 'notSent',
  cannot_ask: 'cannotAsk',
} as const satisfies Record<ReconcileResult['outcome'], keyof ReconcileSummary>;

interface Deps {
  notifications: NotificationRepository;
  /** One reconciler per channel whose provider can be asked; a missing one means cannot_ask. */
  reconcilers: Partial<Record<Channel, ProviderReconciler>>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  owner: string;
  leaseMs: number;
  /** How long an `unknown` waits for a provider event before the provider is asked. */
  waitMs: number;
  batchSize: number;
}

/**
 * Resolves `unknown` notifications that no provider event resolved: asks the provider, then
 * records what it said (sent, back to pending, or why it could not be asked).
 */
export class ReconcileService {
  constructor(private readonly deps: Deps) {}

  async reconcileUnknown(): Promise<ReconcileSummary> {
    const { notifications, clock, owner, leaseMs, waitMs, batchSize } = this.deps;
    const now = clock.now();
    const claims = await notifications.claimUnknownToReconcile({
      owner,
      now,
      leaseMs,
      limit: batchSize,
      quietSince: new Date(now.getTime() - waitMs),
    });
    const summary: ReconcileSummary = { claimed: claims.length, sent: 0, notSent: 0, cannotAsk: 0 };
    for (const claim of claims) {
      const notification = await notifications.findById(claim.id);
      if (!notification) continue;
      const reconciler = this.deps.reconcilers[notification.channel];
      const result: ReconcileResult = reconciler
        ? await reconciler.reconcile(notification)
        : { outcome: 'cannot_ask', reason: `no_provider_api_for_${notification.channel}` };
      if (!(await this.apply(claim.id, claim.fence, result))) continue;
      summary[summaryKey[result.outcome]]++;
      this.deps.metrics.reconciled(notification.channel, result.outcome);
    }
    if (summary.claimed > 0) this.deps.logger.info({ ...summary }, 'unknown outcomes reconciled');
    return summary;
  }

  /** Records the answer under the claim's fence; false when the claim was lost meanwhile. */
  private async apply(id: string, fence: number, result: ReconcileResult): Promise<boolean> {
    const { notifications, clock, logger } = this.deps;
    const now = clock.now();
    switch (result.outcome) {
      case 'sent':
        return notifications.markReconciledSent(
          id,
          fence,
          { providerMessageId: result.providerMessageId, sentAt: result.at },
          now,
        );
      case 'not_sent':
        return notifications.markReconciledNotSent(id, fence, now);
      case 'cannot_ask':
        logger.warn({ notificationId: id, reason: result.reason }, 'provider cannot be asked');
        return notifications.recordCannotAsk(id, fence, result.reason, now);
    }
  }
}
