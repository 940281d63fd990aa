import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startLocalMongo } from '../../../src/db/local-mongo';
import { root, runScript, startScript } from '../../support/child-process';

// Each test starts real processes (tsx, Java); a busy machine makes that slow.
jest.setTimeout(180_000);

/**
 * `npm start` and the CLI as a newcomer runs them: no MONGODB_URI, a fresh data folder (sharing
 * only the resolved mongo-java-server jars), and a mongod download that cannot succeed.
 */
let dataDir: string;
const jars = path.join(root, '.data/mongo-java-server');
const env = () => ({
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: dataDir,
  MONGOMS_DOWNLOAD_DIR: path.join(dataDir, 'mongod-binaries'),
  MONGOMS_DOWNLOAD_URL: 'http://127.0.0.1:9/mongodb-linux-x86_64-debian12-8.2.6.tgz',
  POLL_CRON: '0 0 1 1 *',
  DISPATCH_CRON: '0 0 1 1 *',
});

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'porchlight-first-run-'));
  if (existsSync(jars)) symlinkSync(jars, path.join(dataDir, 'mongo-java-server'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const stackLine = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at [\w.]+:\d+/m;

describe('a first run', () => {
  it('when the mongod download fails, then npm start says in one line why it passed that rung over and prints no stack trace', async () => {
    const demo = startScript('src/entry/main.ts', [], env());
    await demo.waitFor(/Porchlight is running/);
    const outcome = await demo.stop();
    const output = `${outcome.stdout}\n${outcome.stderr}`;
    expect(output).not.toMatch(stackLine);
    expect(outcome.stderr).toBe('');
    const database = outcome.stdout
      .split('\n')
      .filter((line) => line.includes('"msg":"database: '))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(database).toEqual([
      expect.stringMatching(
        /^database: passed over mongodb-memory-server: no mongod binary \(.+\); remembered in /,
      ),
      'database: using local mongo-java-server',
    ]);
    expect(outcome.code).toBe(0);
  });

  it('when npm start is running, then the merchant CLI works on its database and the new key works on its API', async () => {
    const demo = startScript('src/entry/main.ts', [], env());
    try {
      await demo.waitFor(/Porchlight is running/);
      const created = await runScript(
        'src/cli/merchant.cli.ts',
        ['create', '--name', 'Juniper & Pine'],
        env(),
      );
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const key = /api key [0-9a-f]{24}: (pl_live_[\w-]+)/.exec(created.stdout)?.[1];
      const url = /Web server: +(http:\/\/\S+)/.exec(demo.output().stdout)?.[1];
      const res = await request(url as string)
        .get('/api/v1/notifications')
        .set('Authorization', `Bearer ${key as string}`);
      expect(res.status).toBe(200);
    } finally {
      await demo.stop();
    }
  });

  it('when another process holds the database file without saying where it listens, then the CLI says so in plain words', async () => {
    const holder = await startLocalMongo(jars, path.join(dataDir, 'embedded-db.mv'));
    try {
      const outcome = await runScript('src/cli/merchant.cli.ts', ['create', '--name', 'X'], env());
      expect(outcome.code).toBe(1);
      expect(outcome.stderr.trim()).toMatch(
        /^The embedded database under .* is in use by another process .*Stop it and run this command again, or set MONGODB_URI\.$/,
      );
      expect(outcome.stderr).not.toMatch(stackLine);
    } finally {
      await holder.stop();
    }
  });
});
