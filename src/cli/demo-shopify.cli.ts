import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load-config';
import { demoShopifySecret, sampleShopifyWebhooks } from '../demo/demo-shop';

/**
 * `npm run demo:shopify [-- --url http://localhost:3000]`: sends the running demo a signed sample
 * Shopify order and fulfilment, as the demo shop would.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' } }, strict: true });
  const config = loadConfig(process.env);
  const base = (values.url ?? config.http.publicBaseUrl).replace(/\/+$/, '');
  const webhooks = sampleShopifyWebhooks(
    demoShopifySecret(config.security.tokenSecret),
    new Date(),
  );
  for (const webhook of webhooks) {
    const res = await fetch(`${base}/integrations/shopify/webhooks`, {
      method: 'POST',
      headers: webhook.headers,
      body: webhook.body,
      signal: AbortSignal.timeout(10_000),
    });
    process.stdout.write(`${webhook.topic}: HTTP ${res.status} ${await res.text()}\n`);
    if (!res.ok) process.exitCode = 1;
  }
  const order = JSON.parse(webhooks[0]?.body ?? '{}') as { name?: string };
  process.stdout.write(
    `\nSample order ${order.name} sent. Within seconds it appears in the demo; the guest's emails land in ${base}/dev/outbox as the simulated carrier moves.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : (error as Error).message}\n`,
  );
  process.exit(1);
});
