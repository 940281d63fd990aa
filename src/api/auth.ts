import type { Request, RequestHandler } from 'express';
import type { Container } from '../app/container';
import type { Merchant } from '../merchants/merchant';
import { hashApiKey } from '../merchants/api-key-secret';
import { AppError } from '../shared/app-error';
import type { FailureLimiter } from '../shared/failure-limiter';
import { clientKey } from '../web/miss-limiter';

const merchantKey = Symbol('merchant');
const apiKeyKey = Symbol('apiKey');
/** The key a request came with: its id, and the prefix people tell keys apart by. */
export interface RequestApiKey {
  id: string;
  prefix: string;
}
type Authed = Request & { [merchantKey]?: Merchant; [apiKeyKey]?: RequestApiKey };

/**
 * `Authorization: Bearer <key>`: a missing, unknown or revoked key is a 401. Unknown keys are
 * counted per client address; an address that sent too many is answered 429 until its window
 * ends, without looking its keys up.
 */
export function requireApiKey(
  repositories: Container['repositories'],
  failures: FailureLimiter,
): RequestHandler {
  return async (req, _res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    if (!match)
      return next(
        new AppError('unauthorized', 'Send your API key as Authorization: Bearer <key>.'),
      );
    const client = clientKey(req);
    const refused = failures.retryAfter(client);
    if (refused > 0)
      return next(
        new AppError('rate_limited', 'Too many unknown API keys from this address.', {
          retryAfterSeconds: refused,
        }),
      );
    const key = await repositories.apiKeys.findActiveByHash(hashApiKey(match[1] as string));
    const merchant = key ? await repositories.merchants.findById(key.merchantId) : null;
    if (!key || !merchant) {
      await failures.fail(client);
      return next(new AppError('unauthorized', 'The API key is unknown or revoked.'));
    }
    (req as Authed)[merchantKey] = merchant;
    (req as Authed)[apiKeyKey] = { id: key.id, prefix: key.prefix };
    next();
  };
}

export function currentMerchant(req: Request): Merchant {
  const merchant = (req as Authed)[merchantKey];
  if (!merchant) throw new AppError('unauthorized', 'Not authenticated.');
  return merchant;
}

export function currentApiKeyId(req: Request): string {
  return (req as Authed)[apiKeyKey]?.id ?? 'anonymous';
}

export function currentApiKey(req: Request): RequestApiKey {
  const key = (req as Authed)[apiKeyKey];
  if (!key) throw new AppError('unauthorized', 'Not authenticated.');
  return key;
}
