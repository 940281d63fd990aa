import { request } from 'node:https';
import type { HttpAnswer } from './get-json';
import { classifyAnswer } from './get-json';

/** POSTs JSON to a carrier; failures are classified like getJson's, never thrown. */
export function postCarrierJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs = 15_000,
): Promise<HttpAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (raw += chunk));
        res.on('end', () =>
          resolve(classifyAnswer(res.statusCode ?? 0, res.headers['retry-after'], raw)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', (e) =>
      resolve({ kind: 'error', error: { kind: 'transient', message: e.message } }),
    );
    req.end(payload);
  });
}
