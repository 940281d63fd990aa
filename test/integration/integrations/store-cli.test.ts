import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { testDatabaseUri, uniqueDbName } from '../../support/test-app';

const root = path.resolve(__dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function cli(args: string[], uri: string) {
  const result = spawnSync(tsx, [path.join(root, 'src/cli/merchant.cli.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', MONGODB_URI: uri },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('merchant CLI: connecting stores', () => {
  it('when a shop and a store are connected, then the webhook URLs and topics are printed and the secret never is', () => {
    const uri = `${testDatabaseUri().replace(/\/$/, '')}/${uniqueDbName('cli')}`;
    const created = cli(['create', '--name', 'Juniper'], uri);
    expect(created.code).toBe(0);
    const merchantId = /merchant ([0-9a-f]{24})/.exec(created.stdout)?.[1] as string;
    const secret = 'shpss_cli_secret_0123456789abcdef';
    const shopify = cli(
      [
        'connect',
        'shopify',
        '--merchant',
        merchantId,
        '--shop',
        'juniper.myshopify.com',
        '--secret',
        secret,
      ],
      uri,
    );
    expect(shopify.code).toBe(0);
    expect(shopify.stdout).toMatch(
      /connected shopify juniper\.myshopify\.com \(integration [0-9a-f]{24}\)/,
    );
    expect(shopify.stdout).toContain('/integrations/shopify/webhooks');
    expect(shopify.stdout).toContain('fulfillments/create');
    expect(shopify.stdout + shopify.stderr).not.toContain(secret);
    const woo = cli(
      [
        'connect',
        'woocommerce',
        '--merchant',
        merchantId,
        '--store-url',
        'https://shop.example',
        '--secret',
        secret,
      ],
      uri,
    );
    expect(woo.code).toBe(0);
    expect(woo.stdout).toMatch(/\/integrations\/woocommerce\/webhooks\/[0-9a-f]{24}/);
    expect(woo.stdout + woo.stderr).not.toContain(secret);
  });

  it('when an argument is wrong, then it exits 2 naming the flag', () => {
    const uri = `${testDatabaseUri().replace(/\/$/, '')}/${uniqueDbName('cli')}`;
    const id = '0123456789abcdef01234567';
    expect(
      cli(
        [
          'connect',
          'shopify',
          '--merchant',
          id,
          '--shop',
          'juniper.com',
          '--secret',
          'x'.repeat(20),
        ],
        uri,
      ),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('--shop') });
    expect(
      cli(
        [
          'connect',
          'woocommerce',
          '--merchant',
          id,
          '--store-url',
          'https://s.example',
          '--secret',
          'short',
        ],
        uri,
      ),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('--secret') });
  });
});
