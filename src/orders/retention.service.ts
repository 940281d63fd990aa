import type { Container } from '../app/container';

const dayMs = 86_400_000;

/**
 * Erases guests' personal data a configured number of days after their order's last shipment
 * became final. Orders, shipments and notification records stay, without names or addresses,
 * so counts and stats remain. Safe to run on several workers: erasure is idempotent.
 */
export class RetentionService {
  constructor(
    private readonly deps: Pick<Container, 'config' | 'clock' | 'repositories' | 'logger'>,
  ) {}

  async eraseExpired(batch = 200): Promise<{ erased: number }> {
    const { repositories, clock, config } = this.deps;
    const now = clock.now();
    const orderIds = await repositories.erasure.ordersDueForErasure(
      new Date(now.getTime() - config.retentionDays * dayMs),
      batch,
    );
    for (const orderId of orderIds) {
      await repositories.erasure.eraseOrder(orderId, now);
      await repositories.statusTokens.revokeForOrder(orderId, now);
    }
    if (orderIds.length)
      this.deps.logger.info({ erased: orderIds.length }, 'retention: guest data erased');
    return { erased: orderIds.length };
  }
}
