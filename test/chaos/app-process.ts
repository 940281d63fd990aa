import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * One Porchlight entry (src/entry/<name>.ts, transpiled under `buildDir`) run as its own plain
 * node process, so a SIGKILL hits the process itself, not a wrapper. Output goes to a log file.
 */
export class AppProcess {
  private child?: ChildProcess;
  private readonly log: WriteStream;
  stopped = false;
  /** The process logged that it is up (web listening, worker jobs scheduled). */
  ready = false;
  /** Exits nobody asked for (say, a failed start): each is logged and the process restarted. */
  unexpectedExits = 0;
  private expectingExit = false;

  constructor(
    readonly label: string,
    private readonly entry: 'web' | 'worker',
    private readonly env: Record<string, string>,
    logDir: string,
    private readonly buildDir: string,
  ) {
    this.log = createWriteStream(path.join(logDir, `${label}.log`), { flags: 'a' });
  }

  start(): void {
    const entry = path.join(this.buildDir, 'src/entry', `${this.entry}.js`);
    const child = spawn(process.execPath, [entry], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (/"msg":"(worker started|web server listening)"/.test(chunk.toString())) this.ready = true;
    });
    child.stderr?.pipe(this.log, { end: false });
    child.once('exit', (code, signal) => {
      if (this.child !== child || this.expectingExit) return;
      this.unexpectedExits++;
      this.log.write(`[chaos] exited on its own (code ${code}, ${signal}); starting it again\n`);
      this.start();
    });
    this.child = child;
    this.stopped = false;
    this.ready = false;
    this.expectingExit = false;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill(): Promise<void> {
    await this.signalAndWait('SIGKILL', 10_000);
  }

  pause(): void {
    this.child?.kill('SIGSTOP');
    this.stopped = true;
  }

  resume(): void {
    this.child?.kill('SIGCONT');
    this.stopped = false;
  }

  /** Graceful stop (SIGTERM), then SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    this.expectingExit = true;
    if (this.stopped) this.resume();
    if (this.running && !(await this.signalAndWait('SIGTERM', graceMs)))
      await this.signalAndWait('SIGKILL', 5_000);
    this.log.end();
  }

  private signalAndWait(signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve(true);
    this.expectingExit = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
      child.kill(signal);
    });
  }
}
