import { Client } from '@sendgrid/client';
import type { ClientRequest } from '@sendgrid/client/src/request';

/**
 * A SendGrid API client for one key at one origin (global, EU residency, or a local fake).
 * setApiKey resets the origin to the SDK's default region, so the origin is set after it.
 */
export function createSendGridClient(
  apiKey: string,
  apiHost = 'https://api.sendgrid.com',
  timeoutMs = 15_000,
): Client {
  const client = new Client();
  client.setApiKey(apiKey);
  client.setDefaultRequest('baseUrl', `${apiHost.replace(/\/+$/, '')}/`);
  // The SDK passes `timeout` on to axios (MailService.setTimeout does the same); its types omit it.
  client.setDefaultRequest({ timeout: timeoutMs } as unknown as ClientRequest);
  return client;
}
