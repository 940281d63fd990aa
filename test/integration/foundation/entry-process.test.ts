import { startScript, runScript } from '../../support/child-process';
import { testDatabaseUri, uniqueDbName } from '../../support/test-app';

// Each test starts real processes (tsx, Java); a busy machine makes that slow.
jest.setTimeout(180_000);

describe('entry points', () => {
  it('when configuration is invalid, then the process exits 1 naming every bad variable', async () => {
    const outcome = await runScript('src/entry/web.ts', [], { PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/PORT: .*example: 3000/);
    expect(outcome.stderr).toMatch(/LOG_LEVEL: /);
  });

  it('when the web process gets SIGTERM, then it shuts down gracefully and exits 0', async () => {
    const uri = `${testDatabaseUri().replace(/\/$/, '')}/${uniqueDbName('entry')}`;
    const web = startScript('src/entry/web.ts', [], {
      MONGODB_URI: uri,
      LOG_LEVEL: 'info',
      PORT: '0',
    });
    await web.waitFor(/web server listening/);
    const outcome = await web.stop();
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('"msg":"leases released"');
    expect(outcome.stdout).toContain('"msg":"stopped"');
  });
});
