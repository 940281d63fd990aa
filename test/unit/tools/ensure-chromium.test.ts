import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../../../tools/ensure-chromium.sh');

/** Runs the pretest script against a fake machine: its own `id`, maybe an `apt-get`, no Chromium. */
function runOnFakeMachine(machine: { uid: number; aptGet?: 'installs' | 'fails' }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'porchlight-chromium-'));
  const bin = path.join(dir, 'bin');
  const browser = path.join(dir, 'chromium');
  const aptLog = path.join(dir, 'apt.log');
  const tool = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  spawnSync('/bin/mkdir', [bin]);
  tool('id', `echo ${machine.uid}`);
  if (machine.aptGet)
    tool(
      'apt-get',
      `echo "$@" >> ${aptLog}\n` +
        (machine.aptGet === 'installs'
          ? `if [ "$1" = install ]; then printf '#!/bin/bash\\n' > ${browser}; /bin/chmod +x ${browser}; fi`
          : 'if [ "$1" = install ]; then echo "E: Unable to locate package chromium" >&2; exit 100; fi'),
    );
  const result = spawnSync('/bin/bash', [script], {
    env: { PATH: bin, PORCHLIGHT_CHROMIUM: browser },
    encoding: 'utf8',
  });
  const aptCalls = existsSync(aptLog) ? readFileSync(aptLog, 'utf8').trim().split('\n') : [];
  const installed = existsSync(browser);
  rmSync(dir, { recursive: true, force: true });
  return { status: result.status, stderr: result.stderr, aptCalls, installed };
}

describe('npm pretest: Chromium for the browser tests', () => {
  it('when Chromium is missing and we are root with apt-get, then it updates, installs chromium and says so in one line', () => {
    const run = runOnFakeMachine({ uid: 0, aptGet: 'installs' });
    expect(run.status).toBe(0);
    expect(run.aptCalls).toEqual(['update -qq', 'install -y -qq chromium']);
    expect(run.installed).toBe(true);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/is missing; installing Debian's chromium package/),
    ]);
  });

  it('when apt-get cannot install it, then the test run stops naming the package', () => {
    const run = runOnFakeMachine({ uid: 0, aptGet: 'fails' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/could not install chromium with apt-get.*Debian package chromium/);
  });

  it('when we are not root, then nothing is installed and the message names what to install', () => {
    const run = runOnFakeMachine({ uid: 1000, aptGet: 'installs' });
    expect(run.status).toBe(1);
    expect(run.aptCalls).toEqual([]);
    expect(run.stderr).toMatch(/need Chromium at .*apt-get install -y chromium/);
  });

  it('when there is no apt-get (not Debian), then the message names what to install', () => {
    const run = runOnFakeMachine({ uid: 0 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/need Chromium at .*install it/);
  });

  it('when Chromium is already there, then it does nothing', () => {
    const result = spawnSync('/bin/bash', [script], {
      env: { PATH: '/nonexistent', PORCHLIGHT_CHROMIUM: '/bin/bash' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});
