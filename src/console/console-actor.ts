import type { AuditActor } from '../audit/audit-entry';
import type { ConsoleSession } from './console-user';

/** How a console user appears in the audit log. */
export function consoleActor(session: ConsoleSession): AuditActor {
  return { kind: 'console_user', id: session.userId, label: session.email };
}
