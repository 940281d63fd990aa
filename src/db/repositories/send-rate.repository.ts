import { SendRateModel } from '../models';

export class SendRateRepository {
  /**
   * Takes one slot in this second's window for `scope` (e.g. `sms:MG123`); false when the
   * window is full, so the caller waits. Shared by all workers through one atomic upsert.
   */
  async take(scope: string, limitPerSecond: number, now: Date): Promise<boolean> {
    const second = Math.floor(now.getTime() / 1000);
    const doc = await SendRateModel.findOneAndUpdate(
      { key: `${scope}:${second}` },
      { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date((second + 60) * 1000) } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return (doc?.count ?? 1) <= limitPerSecond;
  }
}
