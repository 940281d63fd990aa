/**
 * Provider failures, classified in the adapter so retry logic never reads message text.
 * - transient: safe to retry later (5xx, 429, network error before the request left).
 * - permanent: will never succeed (bad address, unsubscribed recipient); `suppress` says
 *   whether the address should be suppressed.
 * - unknown_outcome: the request may have reached the provider (timeout after sending);
 *   resending blindly could duplicate, so it is reconciled from provider events instead.
 */
export type SendErrorKind = 'transient' | 'permanent' | 'unknown_outcome';

export class SendError extends Error {
  constructor(
    readonly kind: SendErrorKind,
    message: string,
    readonly options: {
      providerCode?: string;
      retryAfterMs?: number;
      suppress?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SendError';
  }
}
