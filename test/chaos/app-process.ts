import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * One Porchlight entry (src/entry/<name>.ts) run as its own node process through tsx's loader,
 * so a SIGKILL hits the process itself, not a wrapper. Output goes to a log file.
 */
export class AppProcess {
  private child?: ChildProcess;
  private readonly log: WriteStream;
  stopped = false;
  /** The process logged that it is up (web listening, worker jobs scheduled). */
  ready = false;

  constructor(
    readonly label: string,
    private readonly entry: 'web' | 'worker',
    private readonly env: Record<string, string>,
    logDir: string,
  ) {
    this.log = createWriteStream(path.join(logDir, `${label}.log`), { flags: 'a' });
  }

  start(): void {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/entry/${this.entry}.ts`], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (/"msg":"(worker started|web server listening)"/.test(chunk.toString())) this.ready = true;
    });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    this.stopped = false;
    this.ready = false;
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
    if (this.stopped) this.resume();
    if (this.running && !(await this.signalAndWait('SIGTERM', graceMs)))
      await this.signalAndWait('SIGKILL', 5_000);
    this.log.end();
  }

  private signalAndWait(signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve(true);
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
