import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
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

/** Resolves mongo-java-server with Maven and compiles the launcher once per cache folder. */
export function prepareLocalMongo(cacheDir: string): string {
  const libDir = path.join(cacheDir, 'lib');
  const classesDir = path.join(cacheDir, 'classes');
  if (existsSync(path.join(classesDir, 'LocalMongo.class'))) return cacheDir;
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
  const javac = spawnSync(
    'javac',
    ['-cp', `${libDir}/*`, '-d', classesDir, path.join(toolDir, 'LocalMongo.java')],
    {
      encoding: 'utf8',
    },
  );
  if (javac.status !== 0) throw new LocalMongoUnavailable(`javac failed: ${javac.stderr}`.trim());
  return cacheDir;
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
  prepareLocalMongo(cacheDir);
  const classpath = `${path.join(cacheDir, 'classes')}:${path.join(cacheDir, 'lib')}/*`;
  if (h2File) mkdirSync(path.dirname(h2File), { recursive: true });
  const child: ChildProcess = spawn(
    'java',
    [
      '-Xss4m',
      '-XX:+UseSerialGC',
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
