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

describe('merchant CLI', () => {
  it('when a merchant is created, then its key is printed once; keys can be added and revoked', () => {
    const uri = `${testDatabaseUri().replace(/\/$/, '')}/${uniqueDbName('cli')}`;
    const created = cli(['create', '--name', 'Juniper & Pine'], uri);
    expect(created.code).toBe(0);
    const merchantId = /merchant ([0-9a-f]{24})/.exec(created.stdout)?.[1];
    expect(created.stdout).toMatch(/api key [0-9a-f]{24}: pl_live_[\w-]{32}/);
    const added = cli(['key', 'create', '--merchant', merchantId as string], uri);
    expect(added.code).toBe(0);
    const keyId = /api key ([0-9a-f]{24})/.exec(added.stdout)?.[1];
    expect(
      cli(['key', 'revoke', '--merchant', merchantId as string, '--key', keyId as string], uri)
        .stdout,
    ).toContain(`revoked api key ${keyId}`);
    const again = cli(
      ['key', 'revoke', '--merchant', merchantId as string, '--key', keyId as string],
      uri,
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('No live key');
  });

  it('when arguments are missing or wrong, then it exits 2 naming the argument', () => {
    const uri = `${testDatabaseUri().replace(/\/$/, '')}/${uniqueDbName('cli')}`;
    expect(cli(['create'], uri)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--name is required'),
    });
    expect(cli(['key', 'create', '--merchant', 'x'], uri)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--merchant must be'),
    });
    expect(cli(['explode'], uri)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown command'),
    });
  });
});
