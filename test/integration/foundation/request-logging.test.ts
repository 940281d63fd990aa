import {
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { createLogger } from '../../../src/shared/logger';
import { runPlain } from '../../../src/web/plain-middleware';
import { logFor, requestLogging } from '../../../src/web/request-logging';

interface Line {
  level: number;
  msg: string;
  req?: { id?: string; method?: string; url?: string };
  res?: { statusCode: number };
  responseTime?: number;
  orderId?: string;
}

/** A logger at info whose lines are kept, parsed. */
function capture() {
  const lines: Line[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      lines.push(JSON.parse(chunk.toString()) as Line);
      done();
    },
  });
  return { lines, logger: createLogger('info', sink) };
}

/** An app with the request-logging middleware and a capturing logger. */
function loggedApp() {
  const { lines, logger } = capture();
  const app = express();
  app.use(requestLogging(logger));
  app.get('/healthz', (_req, res) => {
    res.send('ok');
  });
  const router = express.Router();
  router.get('/:token', (req, res) => {
    logFor(req, logger).info({ orderId: 'o1' }, 'status link opened');
    res.send('page');
  });
  app.use('/t', router);
  app.get('/boom', (_req, res) => {
    res.status(500).send('no');
  });
  let hung: () => void = () => undefined;
  const hanging = new Promise<void>((resolve) => (hung = resolve));
  app.get('/slow', (_req, res) => {
    hung();
    setTimeout(() => res.end(), 2000).unref();
  });
  return { app, lines, hanging };
}

/** Lines are written on the response's `close`, just after the client has its answer. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('request logging', () => {
  it('when a status link is opened, then one line names the request by id, without its token or query, with status and time', async () => {
    const { app, lines } = loggedApp();
    const res = await request(app)
      .get('/t/secret-token-123?email=ada@example.com')
      .set('X-Request-Id', 'req-42');
    expect(res.headers['x-request-id']).toBe('req-42');
    await until(() => lines.length === 2);
    const [routeLine, done] = lines;
    expect(routeLine).toMatchObject({
      level: 30,
      msg: 'status link opened',
      orderId: 'o1',
      req: { id: 'req-42', method: 'GET', url: '/t/[token]' },
    });
    expect(done).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'req-42', method: 'GET', url: '/t/[token]' },
      res: { statusCode: 200 },
    });
    expect(typeof done?.responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/secret-token|ada@example/);
  });

  it('when the id offered is malformed, then a new one is made; health checks are not logged', async () => {
    const { app, lines } = loggedApp();
    const res = await request(app).get('/healthz').set('X-Request-Id', 'bad id!');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await request(app).get('/nope');
    await until(() => lines.length === 1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, res: { statusCode: 404 }, req: { url: '/nope' } });
  });

  it('when a response fails with 5xx, then its line is an error', async () => {
    const { app, lines } = loggedApp();
    await request(app).get('/boom');
    await until(() => lines.length === 1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'request completed',
      res: { statusCode: 500 },
    });
  });

  it('when the client goes away before the answer, then the line says the request was aborted', async () => {
    const { app, lines, hanging } = loggedApp();
    const server: Server = app.listen(0, '127.0.0.1');
    try {
      await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as AddressInfo;
      const client = httpRequest({ host: '127.0.0.1', port, path: '/slow' });
      client.on('error', () => undefined);
      client.end();
      await hanging;
      client.destroy();
      await until(() => lines.length === 1);
      expect(lines[0]).toMatchObject({ level: 50, msg: 'request aborted', req: { url: '/slow' } });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('when it runs without Express (the status page fast lane), then the line and id are the same', async () => {
    const { lines, logger } = capture();
    const plain = (req: IncomingMessage, res: ServerResponse) => {
      runPlain([requestLogging(logger)], req, res);
      res.end('page');
    };
    const res = await request(plain).get('/t/secret-token-123').set('X-Request-Id', 'req-7');
    expect(res.headers['x-request-id']).toBe('req-7');
    await until(() => lines.length === 1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'req-7', method: 'GET', url: '/t/[token]' },
      res: { statusCode: 200 },
    });
    const health = await request(plain).get('/healthz?probe=1');
    expect(health.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines).toHaveLength(1);
  });
});
