import { SendError } from './send-error';

/** Errors raised before the request could have reached the provider: safe to retry. */
const beforeSending = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET_BEFORE_SEND',
  'CERT_HAS_EXPIRED',
]);

/**
 * Classifies a failure with no HTTP answer. A refused connection or failed DNS lookup never
 * reached the provider (transient); a timeout or reset may have come after the provider took
 * the message, so it is an unknown outcome rather than a retry.
 */
export function classifyNetworkError(error: unknown, provider: string): SendError {
  const code = (error as { code?: unknown })?.code;
  const message = `${provider}: ${(error as Error)?.message ?? 'network error'}`;
  if (typeof code === 'string' && beforeSending.has(code))
    return new SendError('transient', message, { providerCode: code, cause: error });
  return new SendError('unknown_outcome', message, {
    providerCode: typeof code === 'string' ? code : undefined,
    cause: error,
  });
}

export function retryAfterMs(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(String(value));
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
