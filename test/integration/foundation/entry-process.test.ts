import { spawn } from 'node:child_process';
import path from 'node:path';
import { testDatabaseUri, uniqueDbName } from '../../support/test-app';

const root = path.resolve(__dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an entry point; `onOutput` may signal it once it is up. Killed after 30 s regardless. */
function runEntry(
  entry: string,
  env: Record<string, string>,
  onOutput?: (out: string, kill: () => void) => void,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [path.join(root, 'src/entry', entry)], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    });
    let stdout = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onOutput?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('entry points', () => {
  it('when configuration is invalid, then the process exits 1 naming every bad variable', async () => {
    const outcome = await runEntry('web.ts', { PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/PORT: .*example: 3000/);
    expect(outcome.stderr).toMatch(/LOG_LEVEL: /);
  });

  it('when the web process gets SIGTERM, then it shuts down gracefully and exits 0', async () => {
    const uri = `${testDatabaseUri().replace(/\/$/, '')}/${uniqueDbName('entry')}`;
    let signalled = false;
    const outcome = await runEntry(
      'web.ts',
      { MONGODB_URI: uri, LOG_LEVEL: 'info', PORT: '0' },
      (out, kill) => {
        if (!signalled && out.includes('web server listening')) {
          signalled = true;
          kill();
        }
      },
    );
    expect(signalled).toBe(true);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('"msg":"leases released"');
    expect(outcome.stdout).toContain('"msg":"stopped"');
  });
});
