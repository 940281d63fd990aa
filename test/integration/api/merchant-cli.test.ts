import { runScript } from '../../support/child-process';
import { testDatabaseUri, uniqueDbName } from '../../support/test-app';

// Each call starts a real process (tsx); a busy machine makes that slow.
jest.setTimeout(180_000);

const cli = (args: string[], uri: string) =>
  runScript('src/cli/merchant.cli.ts', args, { MONGODB_URI: uri });

describe('merchant CLI', () => {
  it('when a merchant is created, then its key is printed once; keys can be added and revoked', async () => {
    const uri = `${testDatabaseUri().replace(/\/$/, '')}/${uniqueDbName('cli')}`;
    const created = await cli(['create', '--name', 'Juniper & Pine'], uri);
    expect(created.code).toBe(0);
    const merchantId = /merchant ([0-9a-f]{24})/.exec(created.stdout)?.[1];
    expect(created.stdout).toMatch(/api key [0-9a-f]{24}: pl_live_[\w-]{32}/);
    const added = await cli(['key', 'create', '--merchant', merchantId as string], uri);
    expect(added.code).toBe(0);
    const keyId = /api key ([0-9a-f]{24})/.exec(added.stdout)?.[1];
    const revoked = await cli(
      ['key', 'revoke', '--merchant', merchantId as string, '--key', keyId as string],
      uri,
    );
    expect(revoked.stdout).toContain(`revoked api key ${keyId}`);
    const again = await cli(
      ['key', 'revoke', '--merchant', merchantId as string, '--key', keyId as string],
      uri,
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('No live key');
  });

  it('when arguments are missing or wrong, then it exits 2 naming the argument', async () => {
    const uri = `${testDatabaseUri().replace(/\/$/, '')}/${uniqueDbName('cli')}`;
    expect(await cli(['create'], uri)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--name is required'),
    });
    expect(await cli(['key', 'create', '--merchant', 'x'], uri)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--merchant must be'),
    });
    expect(await cli(['explode'], uri)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown command'),
    });
  });
});
