import type { Container } from '../app/container';
import type { Claim } from '../db/lease';
import type { Merchant } from '../merchants/merchant';
import { AppError } from '../shared/app-error';
import { inPool } from '../tracking/poll/rate-limiter';
import { StoreActionApplier } from './apply-store-actions';
import { decideStoreEvent, type Decision } from './decide-store-event';
import type { StoreEventRepository } from '../db/repositories/store-event.repository';
import type { StoreConnection, StoreEvent, StoreEventState } from './integration';

type Deps = Pick<
  Container,
  'config' | 'clock' | 'repositories' | 'carriers' | 'logger' | 'processId'
>;

export interface ProcessSummary {
  claimed: number;
  processed: number;
  ignored: number;
  retried: number;
  failed: number;
}

const maxAttempts = 5;
const lanes = 8;
/** One batch after another while there are more, for at most this long per run. */
const runBudgetMs = 20_000;

interface Loaded {
  event: StoreEvent;
  fence: number;
  connection?: StoreConnection;
  merchant?: Merchant;
  decision: Decision;
}

/**
 * The worker side of store webhooks: claim stored events (leases make it safe on several
 * workers), decide (pure), apply through the order service, record. An event whose worker died
 * is claimed again when its lease expires; applying twice changes nothing.
 */
export class StoreEventProcessor {
  private readonly applier: StoreActionApplier;

  constructor(private readonly deps: Deps) {
    this.applier = new StoreActionApplier(deps);
  }

  async processDue(): Promise<ProcessSummary> {
    const { repositories, clock, processId, config } = this.deps;
    const summary: ProcessSummary = { claimed: 0, processed: 0, ignored: 0, retried: 0, failed: 0 };
    const started = Date.now();
    for (;;) {
      const claims = await repositories.storeEvents.claimDue(
        processId,
        clock.now(),
        config.worker.leaseMs,
        config.stores.batchSize,
      );
      summary.claimed += claims.length;
      if (claims.length > 0) await this.processBatch(claims, summary);
      if (claims.length < config.stores.batchSize || Date.now() - started > runBudgetMs) break;
    }
    return summary;
  }

  private async load(claims: Claim[]): Promise<Loaded[]> {
    const { repositories } = this.deps;
    const fences = new Map(claims.map((c) => [c.id, c.fence]));
    const events = await repositories.storeEvents.findByIds(claims.map((c) => c.id));
    const connections = await repositories.storeConnections.findByIds([
      ...new Set(events.map((e) => e.connectionId)),
    ]);
    const merchants = new Map<string, Merchant | null>();
    for (const id of new Set(events.map((e) => e.merchantId)))
      merchants.set(id, await repositories.merchants.findById(id));
    return events.map((event) => {
      const connection = connections.find((c) => c.id === event.connectionId);
      return {
        event,
        fence: fences.get(event.id) ?? 0,
        connection,
        merchant: merchants.get(event.merchantId) ?? undefined,
        decision: decideStoreEvent(event, connection),
      };
    });
  }

  private async processBatch(claims: Claim[], summary: ProcessSummary): Promise<void> {
    const bySubject = new Map<string, Loaded[]>();
    for (const item of await this.load(claims))
      bySubject.set(item.decision.subject, [...(bySubject.get(item.decision.subject) ?? []), item]);
    const results: Parameters<StoreEventRepository['finish']>[0] = [];
    await inPool([...bySubject.values()], lanes, async (inOrder) => {
      for (const item of inOrder) {
        const result = await this.carryOut(item);
        results.push({ id: item.event.id, fence: item.fence, ...result });
        summary[result.state === 'pending' ? 'retried' : result.state]++;
      }
    });
    await this.deps.repositories.storeEvents.finish(results);
  }

  private async carryOut(
    item: Loaded,
  ): Promise<{ state: StoreEventState; outcome: string; retryAt?: Date }> {
    const { repositories, clock, logger } = this.deps;
    const { event, connection, merchant, decision } = item;
    if (!connection || !merchant || decision.actions.every((a) => a.kind === 'ignore')) {
      const reason = decision.actions.map((a) => (a.kind === 'ignore' ? a.reason : '')).join('; ');
      return { state: 'ignored', outcome: merchant ? reason : 'the merchant is gone' };
    }
    try {
      const notes = await this.applier.apply(merchant, connection, decision.actions);
      const problem = notes.find((n) => n.startsWith('parcel not tracked'));
      if (problem)
        await repositories.storeConnections.recordError(
          connection.id,
          `${event.topic}: ${problem}`,
          clock.now(),
        );
      return { state: 'processed', outcome: notes.join('; ') };
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'internal error';
      logger.warn({ err: error, storeEventId: event.id, topic: event.topic }, 'store event failed');
      const attempts = event.attempts + 1;
      if (attempts >= maxAttempts || (error instanceof AppError && error.code === 'conflict')) {
        await repositories.storeConnections.recordError(
          connection.id,
          `${event.topic} could not be applied: ${message}`,
          clock.now(),
        );
        return { state: 'failed', outcome: message };
      }
      const retryAt = new Date(clock.now().getTime() + 15_000 * 2 ** attempts);
      return { state: 'pending', outcome: `retrying: ${message}`, retryAt };
    }
  }
}
