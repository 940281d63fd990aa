import { RetentionService } from '../orders/retention.service';
import type { Job } from './job';

/** Data retention: erases guest personal data past RETENTION_DAYS. */
export function eraseExpiredGuestsJob(schedule: string): Job {
  return {
    name: 'erase-expired-guests',
    schedule,
    run: (container) => new RetentionService(container).eraseExpired(),
  };
}
