import { spawn } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(__dirname, '../..');

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ChildScript {
  /** Resolves once stdout or stderr matches; rejects when the process exits first or after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  /** Sends SIGTERM (unless it already exited) and resolves with everything it printed. */
  stop(): Promise<Outcome>;
  exited: Promise<Outcome>;
  /** What it printed so far. */
  output(): { stdout: string; stderr: string };
}

/**
 * Runs a TypeScript script of ours (an entry point or CLI) as its own process, with a minimal
 * environment plus `env`. Killed after `killAfterMs` regardless, so no test leaves one behind.
 */
export function startScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  killAfterMs = 150_000,
): ChildScript {
  // node itself with tsx's loader (not the tsx wrapper), so a kill reaches the script's process.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const guard = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    listeners.forEach((l) => l());
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    listeners.forEach((l) => l());
  });
  const exited = new Promise<Outcome>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(guard);
      listeners.forEach((l) => l());
      resolve({ code, stdout, stderr });
    }),
  );
  const waitFor = (pattern: RegExp, ms = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern}`)), ms);
      const done = (error?: Error) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (pattern.test(stdout) || pattern.test(stderr)) done();
        else if (child.exitCode !== null || child.signalCode !== null)
          done(new Error(`exited before ${pattern}:\n${stdout}\n${stderr}`));
      };
      listeners.add(check);
      check();
    });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return { waitFor, stop, exited, output: () => ({ stdout, stderr }) };
}

/** Runs a script to its end. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<Outcome> {
  return startScript(script, args, env).exited;
}
