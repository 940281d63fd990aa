import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Where the launcher's pom.xml and LocalMongo.java live (resolved from src/ and dist/ alike). */
const toolDir = path.resolve(__dirname, '../../tools/mongo-java-server');

export interface LocalMongo {
  uri: string;
  stop(): Promise<void>;
}

export class LocalMongoUnavailable extends Error {}

function has(command: string): boolean {
  return spawnSync(command, ['-version'], { stdio: 'ignore' }).status === 0;
}

/** The launcher's Java sources and a digest of them, so a changed source is compiled again. */
function launcherSources(): { files: string[]; digest: string } {
  const files = readdirSync(toolDir)
    .filter((name) => name.endsWith('.java'))
    .sort()
    .map((name) => path.join(toolDir, name));
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.basename(file)).update(readFileSync(file));
  return { files, digest: hash.digest('hex') };
}

/**
 * Resolves mongo-java-server with Maven and compiles the launcher once per version of its
 * sources, into a folder named by their digest: a server already running from older classes
 * keeps them, and a changed source is never served from a stale build. Returns the classpath.
 */
export function prepareLocalMongo(cacheDir: string): string {
  const libDir = path.join(cacheDir, 'lib');
  const sources = launcherSources();
  const classesDir = path.join(cacheDir, `classes-${sources.digest.slice(0, 16)}`);
  const classpath = `${classesDir}:${libDir}/*`;
  if (existsSync(path.join(classesDir, 'LocalMongo.class'))) return classpath;
  if (!has('java')) throw new LocalMongoUnavailable('java is not installed');
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(libDir) || readdirSync(libDir).length === 0) {
    if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status !== 0) {
      throw new LocalMongoUnavailable('mvn (Maven) is not installed');
    }
    const mvn = spawnSync(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        path.join(toolDir, 'pom.xml'),
        'dependency:copy-dependencies',
        `-DoutputDirectory=${libDir}`,
      ],
      { encoding: 'utf8', timeout: 300_000 },
    );
    if (mvn.status !== 0)
      throw new LocalMongoUnavailable(
        `Maven could not resolve mongo-java-server: ${mvn.stdout}${mvn.stderr}`.trim(),
      );
  }
  // Compiled aside and renamed into place, so a concurrent start never sees half a build.
  const building = `${classesDir}.${process.pid}`;
  const javac = spawnSync('javac', ['-cp', `${libDir}/*`, '-d', building, ...sources.files], {
    encoding: 'utf8',
  });
  if (javac.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new LocalMongoUnavailable(`javac failed: ${javac.stderr}`.trim());
  }
  try {
    renameSync(building, classesDir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process finished first
  }
  return classpath;
}

/**
 * Starts mongo-java-server on a free loopback port. `h2File` keeps data on disk; without it the
 * data lives in memory. The child exits when our end of its stdin closes, so it dies with us.
 */
export function startLocalMongo(
  cacheDir: string,
  h2File?: string,
  timeoutMs = 30_000,
): Promise<LocalMongo> {
  const classpath = prepareLocalMongo(cacheDir);
  if (h2File) mkdirSync(path.dirname(h2File), { recursive: true });
  const child: ChildProcess = spawn(
    'java',
    [
      '-Xss4m',
      // G1, not the serial collector: under load (the 100k poll bench) the serial collector grew
      // its old generation through full collections that stopped the server 1.6-7.4 s each.
      // With G1 the same bench had no full collection (longest pause 330 ms) and took 85 s
      // instead of 104-110 s; push p99 69 and 114 ms against 134 and 143; dispatch the same.
      '-XX:+UseG1GC',
      '-cp',
      classpath,
      'LocalMongo',
      h2File ? 'h2' : 'memory',
      h2File ?? '',
      '0',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new LocalMongoUnavailable(
          `mongo-java-server did not start within ${timeoutMs} ms: ${output}`,
        ),
      );
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      // H2 allows one process per file: say so instead of relaying Java's stack trace.
      if (h2File && /file is locked/i.test(output))
        return reject(
          new LocalMongoUnavailable(`the database file ${h2File} is in use by another process`),
        );
      reject(new LocalMongoUnavailable(`mongo-java-server exited with ${code}: ${output}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        uri: `mongodb://127.0.0.1:${match[1]}/`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.stdin?.end();
          }),
      });
    });
  });
}
