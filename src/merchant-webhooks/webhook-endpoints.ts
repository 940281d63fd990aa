import type { z } from 'zod';
import type { Container } from '../app/container';
import type { webhookInputSchema } from '../api/schemas';
import type { WebhookEndpoint } from '../db/repositories/webhook.repository';
import { AppError } from '../shared/app-error';
import { MerchantWebhookService } from './merchant-webhook.service';
import { internalHostReason } from './public-address';

/**
 * Adds a merchant's webhook endpoint (API and console alike): public addresses only unless the
 * installation allows internal ones, and a fresh signing secret returned this once.
 */
export async function addWebhookEndpoint(
  deps: Pick<Container, 'repositories' | 'config'>,
  merchantId: string,
  input: z.output<typeof webhookInputSchema>,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const internal = deps.config.api.webhooksAllowInternal
    ? null
    : internalHostReason(new URL(input.url));
  if (internal)
    throw new AppError('validation_failed', 'The webhook URL is not reachable from outside.', {
      fields: [{ field: 'url', message: `must be a public address: ${internal}` }],
    });
  const secret = MerchantWebhookService.newSecret();
  const endpoint = await deps.repositories.webhooks.addEndpoint({
    merchantId,
    url: input.url,
    milestones: input.milestones,
    secret,
  });
  return { endpoint, secret };
}
