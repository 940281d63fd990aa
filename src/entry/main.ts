import { demoApiKey } from '../demo/seed-demo';
import { demoShopDomain } from '../demo/demo-shop';
import { run } from './run';

/** The demo: web and worker in one process (on the embedded database unless MONGODB_URI is set). */
void run({ web: true, worker: true }, (app) => {
  const base = app.container.config.http.publicBaseUrl;
  const lines = [
    '',
    `Porchlight is running (database: ${app.database.rung}).`,
    `  Web server:   ${app.url?.replace('0.0.0.0', 'localhost')}`,
    `  Merchant API: ${base}/api/v1  (OpenAPI: ${base}/api/v1/openapi.json)`,
    `  Order lookup: ${base}/track`,
    `  Console:      ${base}/console`,
  ];
  if (app.container.config.demo) {
    lines.push(
      `  Dev outbox:   ${base}/dev/outbox`,
      `  Console sign-in (demo shop, works once, 12 h): ${app.demoConsoleLink ?? ''}`,
      `  Demo API key: ${demoApiKey(app.container.config.security.tokenSecret)}`,
      `  Demo Shopify shop: ${demoShopDomain} (send it a signed order + fulfilment: npm run demo:shopify)`,
      '  Demo status pages:',
    );
    for (const order of app.demoOrders)
      lines.push(`    order ${order.orderNumber}: ${order.statusUrl}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
});
