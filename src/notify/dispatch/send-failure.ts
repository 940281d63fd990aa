import type { Transition } from '../../db/repositories/notification.repository';
import { retryDelayMs } from '../domain/retry';
import { SendError } from '../senders/send-error';
import type { DispatchOutcome } from './dispatch-summary';

/** What a failed provider call means for the notification: its transition and summary slot. */
export interface FailureDecision {
  outcome: DispatchOutcome;
  transition: Transition;
  /** The address should be suppressed for everyone (the provider says it never will work). */
  suppress?: string;
}

/**
 * Classifies a provider failure. Anything that is not a classified SendError failed before a
 * provider saw the message (our own bug or a network error before the request left), so it is
 * retried; an unobservable outcome becomes `unknown` and is reconciled, never resent blindly.
 */
export function decideFailure(
  error: unknown,
  attempts: number,
  policy: { maxAttempts: number; retryBaseMs: number },
  random: number,
  now: Date,
): FailureDecision {
  const sendError =
    error instanceof SendError
      ? error
      : new SendError('transient', (error as Error)?.message ?? 'error', { cause: error });
  const reason = sendError.options.providerCode
    ? `provider:${sendError.options.providerCode}`
    : sendError.kind;
  const lastError = sendError.message;
  if (sendError.kind === 'unknown_outcome')
    return {
      outcome: 'unknown',
      transition: {
        state: 'unknown',
        reason: 'outcome_unknown',
        detail: lastError,
        set: { lastError },
        at: now,
      },
    };
  if (sendError.kind === 'permanent' || attempts >= policy.maxAttempts)
    return {
      outcome: 'failed',
      suppress: sendError.kind === 'permanent' && sendError.options.suppress ? reason : undefined,
      transition: {
        state: 'failed',
        reason: sendError.kind === 'permanent' ? reason : 'retries_exhausted',
        detail: lastError,
        set: { lastError },
        at: now,
      },
    };
  const delay = retryDelayMs(attempts, policy.retryBaseMs, random, sendError.options.retryAfterMs);
  return {
    outcome: 'retried',
    transition: {
      state: 'pending',
      reason: 'retry_scheduled',
      detail: `${reason}: ${lastError}`,
      set: { notBefore: new Date(now.getTime() + delay), lastError },
      at: now,
    },
  };
}
